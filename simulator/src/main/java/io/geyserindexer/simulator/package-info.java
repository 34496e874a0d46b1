/**
 * The Geyser simulator: a Yellowstone-compatible gRPC server whose every update is a pure function
 * of (seed, slot range), or a replayed capture. Delivery guarantee: each subscriber receives every
 * matching update of every slot in order, unless its stream is ended on purpose (chaos cut, lagged
 * queue, shutdown); from_slot within the replay window then resumes without gap or overlap.
 */
package io.geyserindexer.simulator;
