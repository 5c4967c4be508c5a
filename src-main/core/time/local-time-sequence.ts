import { WALL_AMBIGUOUS, WALL_NONEXISTENT, type ZonedTimeConverter } from './zoned-time';

/** Outcome of `LocalTimeSequence.push`. */
export const SEQ_OK = 0;
/** The instant equals the previous row's instant. */
export const SEQ_DUPLICATE = 1;
/** The instant is before the previous row's instant. */
export const SEQ_OUT_OF_ORDER = 2;
/** The wall time falls in a spring-forward gap and the policy is 'reject'. */
export const SEQ_NONEXISTENT = 3;
/** One of the SEQ_* outcomes. */
export type SequenceStatus = typeof SEQ_OK | typeof SEQ_DUPLICATE | typeof SEQ_OUT_OF_ORDER | typeof SEQ_NONEXISTENT;

/** What to do with a wall time inside a spring-forward gap. */
export type NonexistentPolicy = 'reject' | 'shift-forward';

/**
 * Turns a column of local wall times, in file order, into strictly increasing instants.
 *
 * Why sequence-aware: an exporter that formats a regular UTC grid in local time (Scouter,
 * SCOUTER-CSV.md §5) writes the fall-back hour twice (01:00…01:55 EDT, then 01:00…01:55 EST).
 * Read alone, each of those wall times is ambiguous; read in order, it is not. Rule: take the
 * earlier instant unless it is not after the previous row, then the later one. The result is
 * deterministic and reproduces the exporter's grid exactly.
 *
 * Spring-forward gaps (02:00–02:59 in New York on the March change) never come out of such an
 * exporter; a wall time inside one means the file was written in another zone. Default policy
 * 'reject' reports it; 'shift-forward' reads it with the pre-gap offset (02:30 → 03:30 EDT).
 */
export class LocalTimeSequence {
  /** Instant of the last accepted row (NaN before the first). */
  previous = Number.NaN;
  /** For error messages: whether the last rejected wall time was ambiguous. */
  lastWasAmbiguous = false;
  private readonly out = new Float64Array(2);

  constructor(
    private readonly zone: ZonedTimeConverter,
    private readonly nonexistent: NonexistentPolicy = 'reject',
  ) {}

  /** The zone wall times are read in (for messages). */
  get timeZone(): string {
    return this.zone.timeZone;
  }

  /** Resolves one wall time; on SEQ_OK the instant is in `previous`. */
  push(wallMs: number): SequenceStatus {
    const kind = this.zone.resolveWall(wallMs, this.out);
    if (kind === WALL_NONEXISTENT && this.nonexistent === 'reject') return SEQ_NONEXISTENT;
    let t = this.out[0]!;
    this.lastWasAmbiguous = kind === WALL_AMBIGUOUS;
    if (kind === WALL_AMBIGUOUS && !(t > this.previous) && !Number.isNaN(this.previous)) t = this.out[1]!;
    return this.accept(t);
  }

  /** Accepts an absolute instant (a cell that carried its own offset, or epoch seconds). */
  pushInstant(epochMs: number): SequenceStatus {
    this.lastWasAmbiguous = false;
    return this.accept(epochMs);
  }

  private accept(t: number): SequenceStatus {
    const prev = this.previous;
    if (t === prev) return SEQ_DUPLICATE;
    if (t < prev) return SEQ_OUT_OF_ORDER;
    this.previous = t;
    return SEQ_OK;
  }
}
