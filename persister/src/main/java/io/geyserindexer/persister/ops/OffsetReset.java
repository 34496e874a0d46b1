package io.geyserindexer.persister.ops;

import java.time.Instant;

/**
 * Where {@code reset-offsets} moves the group: exactly one of earliest, latest, the first offset at
 * or after a time, or a shift of the committed offset by N (negative replays N records).
 */
public sealed interface OffsetReset {

  record ToEarliest() implements OffsetReset {}

  record ToLatest() implements OffsetReset {}

  record ToDatetime(Instant at) implements OffsetReset {}

  record ShiftBy(long delta) implements OffsetReset {}
}
