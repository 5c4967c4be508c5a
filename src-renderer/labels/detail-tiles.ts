import type { SeriesPoints } from '../../shared/ipc/contract';
import { pointsIn, toColumns, type PointColumns, type Range } from './window-data';

/** One fetched detail range: the points of every visible object for `range`. */
export interface DetailTile {
  range: Range;
  /** Which objects it was fetched for (a tile serves only the same set). */
  objectsKey: string;
  cols: ReadonlyMap<string, PointColumns>;
}

export type FetchPoints = (object: string, range: Range, maxPoints: number) => Promise<SeriesPoints>;

/**
 * The finer points of zoomed windows, fetched from `series:query` (engine-side LTTB) after a
 * zoom or pan settles and kept in a small most-recently-used cache, so that coming back to a
 * window (zoom out then in, pan back) costs no query. One request at a time per range; an answer
 * that arrives after the user moved on is still cached (it may serve the next window) and
 * `onLoaded` lets the chart decide whether it covers what is shown now.
 */
export class DetailTiles {
  private tiles: DetailTile[] = [];
  private readonly inflight = new Map<string, Promise<void>>();
  private generation = 0;

  constructor(
    private readonly fetchPoints: FetchPoints,
    private readonly onLoaded: (tile: DetailTile) => void,
    private readonly onError: (e: unknown) => void,
    private readonly capacity = 8,
  ) {}

  get loading(): boolean {
    return this.inflight.size > 0;
  }

  /** Forget everything (new data in the workspace, other objects shown): answers in flight are dropped. */
  clear(): void {
    this.tiles = [];
    this.inflight.clear();
    this.generation++;
  }

  /** The cached tile covering `w` for these objects with the most points inside it, or null. */
  best(objects: readonly string[], w: Range): DetailTile | null {
    const key = objects.join('\n');
    let best: DetailTile | null = null;
    let bestN = -1;
    for (const t of this.tiles) {
      if (t.objectsKey !== key || t.range.fromMs > w.fromMs || t.range.toMs < w.toMs) continue;
      const first = t.cols.values().next().value;
      const n = first ? pointsIn(first, w) : 0;
      if (n > bestN) {
        best = t;
        bestN = n;
      }
    }
    if (best) {
      // Most recently used goes last (evicted last).
      this.tiles = [...this.tiles.filter((t) => t !== best), best];
    }
    return best;
  }

  /** Fetches `range` for `objects` unless the same request is already in flight. */
  request(objects: readonly string[], range: Range, maxPoints: number): void {
    const objectsKey = objects.join('\n');
    const key = `${objectsKey}|${range.fromMs}|${range.toMs}|${maxPoints}`;
    if (this.inflight.has(key)) return;
    const gen = this.generation;
    const p = Promise.all(objects.map((o) => this.fetchPoints(o, range, maxPoints))).then(
      (list) => {
        if (gen !== this.generation) return;
        this.inflight.delete(key);
        const tile: DetailTile = { range, objectsKey, cols: new Map(list.map((s) => [s.object, toColumns(s, range)])) };
        this.tiles = [...this.tiles, tile].slice(-this.capacity);
        this.onLoaded(tile);
      },
      (e: unknown) => {
        if (gen !== this.generation) return;
        this.inflight.delete(key);
        this.onError(e);
      },
    );
    this.inflight.set(key, p);
  }
}
