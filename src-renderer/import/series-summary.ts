import type { SeriesSummary } from '../../shared/domain/series';

export interface SeriesOverview {
  objects: number;
  /** Distinct counter names over every object, sorted. */
  counters: string[];
  fromMs: number | null;
  toMs: number | null;
  /** Distinct grid steps, ms, ascending (5 min for Daily All, 2 s for Past All). */
  cadencesMs: number[];
}

/** The one-line overview of everything `series:list` returned. */
export function summarizeSeries(list: readonly SeriesSummary[]): SeriesOverview {
  const counters = new Set<string>();
  const cadences = new Set<number>();
  let fromMs: number | null = null;
  let toMs: number | null = null;
  for (const s of list) {
    for (const c of s.counters) counters.add(c);
    cadences.add(s.cadenceMs);
    fromMs = fromMs === null ? s.fromMs : Math.min(fromMs, s.fromMs);
    toMs = toMs === null ? s.toMs : Math.max(toMs, s.toMs);
  }
  return {
    objects: new Set(list.map((s) => s.object)).size,
    counters: [...counters].sort(),
    fromMs,
    toMs,
    cadencesMs: [...cadences].sort((a, b) => a - b),
  };
}
