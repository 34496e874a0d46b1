/**
 * The ingestor: Yellowstone Geyser stream, parse, bounded queue, Kafka. Delivery guarantee: at
 * least once, with no gap: every received update becomes a Kafka record acknowledged with acks=all
 * by an idempotent producer, the stream is paused (never dropped) while Kafka is slow, and a
 * reconnect or restart resumes from the oldest slot not yet wholly acknowledged.
 *
 * <p>Replays after a reconnect resend whole slots, so consumers see duplicates and must write
 * idempotently; with policy {@code drop}, or when the server can no longer replay a slot, events
 * are lost and counted (ingestor.events.dropped, ingestor.gap.slots).
 */
package io.geyserindexer.ingestor;
