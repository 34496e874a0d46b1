/**
 * The persister: a Kafka consumer group member that writes geyser-indexer event records into
 * PostgreSQL, one database transaction per poll, and commits the poll's Kafka offsets only after
 * that transaction has committed.
 *
 * <p>Delivery guarantee: every record on the subscribed topics ends up exactly once in the tables
 * (or, when it can never be written, at least once on its dead-letter topic), because offsets are
 * committed only after a durable COMMIT and every write is idempotent, so redelivery after a crash,
 * rebalance or replay changes nothing. Kafka's committed offsets are the single source of truth for
 * progress: nothing else records how far the persister got.
 */
package io.geyserindexer.persister;
