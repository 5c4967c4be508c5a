export type { Disambiguation, WallResolution } from './zoned-time';
export { WALL_AMBIGUOUS, WALL_NONEXISTENT, WALL_UNIQUE, ZonedTimeConverter, epochToOffsetMinutes, parseFixedOffset, wallClockMs, wallToEpochMs } from './zoned-time';
export type { NonexistentPolicy, SequenceStatus } from './local-time-sequence';
export { LocalTimeSequence, SEQ_DUPLICATE, SEQ_NONEXISTENT, SEQ_OK, SEQ_OUT_OF_ORDER } from './local-time-sequence';
