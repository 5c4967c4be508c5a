import type { LabelSpan, LabelSetVersion } from '../../shared/domain/labels';
import type { Outage } from '../../shared/domain/outage';
import type { RequestOf } from '../../shared/ipc/contract';

type Interval = Pick<Outage, 'object' | 'startMs' | 'endMs'>;
const key = (o: Interval) => `${o.object ?? '*'}|${o.startMs}|${o.endMs}`;

/**
 * The outages of a re-run with another k beside the current ones: which are the same interval,
 * which are new, which would go. Sorted by start.
 */
export function compareOutages<A extends Interval, B extends Interval>(current: readonly A[], next: readonly B[]): { same: B[]; added: B[]; removed: A[] } {
  const cur = new Set(current.map(key));
  const nxt = new Set(next.map(key));
  const byStart = (x: Interval, y: Interval) => x.startMs - y.startMs;
  return {
    same: next.filter((o) => cur.has(key(o))).sort(byStart),
    added: next.filter((o) => !cur.has(key(o))).sort(byStart),
    removed: current.filter((o) => !nxt.has(key(o))).sort(byStart),
  };
}

type SpanInput = RequestOf<'labels:replace-spans'>['spans'][number];

function toInput(s: LabelSpan): SpanInput {
  return { object: s.object, startMs: s.startMs, endMs: s.endMs, provenance: s.provenance, ...(s.outageId ? { outageId: s.outageId } : {}), ...(s.note ? { note: s.note } : {}) };
}

/**
 * The spans of the new version: the health-check spans re-derived from the new outages (each
 * citing its outage, as the engine's `spansFromOutages` does), the human and model spans kept.
 */
export function replacementSpans(current: Pick<LabelSetVersion, 'spans'>, outages: readonly Outage[]): SpanInput[] {
  return [
    ...current.spans.filter((s) => s.provenance !== 'health-check').map(toInput),
    ...outages.map((o): SpanInput => ({ object: o.object, startMs: o.startMs, endMs: o.endMs, provenance: 'health-check', outageId: o.id })),
  ];
}
