/**
 * Model flags → label spans (`vigil score`): per object, runs of flagged windows whose time
 * ranges touch or overlap become one span, from the first flagged window's first row to the last
 * one's end (+ one cadence step, the row's own duration). Windows may come in any order — the
 * workspace's sliding windows interleave the objects — so the runs are kept per object and the
 * cadence is each object's smallest step between consecutive window ends.
 */
import type { LabelSpan } from '../../../shared/domain/labels';
import type { WindowSet } from '../../../shared/domain/windows';
import { windowsByObject } from '../windows/by-object';

/** Cadence assumed for an object with a single window, ms (Scouter's 5-minute counters). */
const DEFAULT_STEP_MS = 300_000;

export function flaggedSpans(w: Pick<WindowSet, 'n' | 'W' | 'objects' | 'objectIndex' | 'endMs'>, flagged: (i: number) => boolean, make: (object: string | null, startMs: number, endMs: number) => LabelSpan): LabelSpan[] {
  const spans: LabelSpan[] = [];
  for (const [o, list] of [...windowsByObject(w.objectIndex, w.endMs, w.n)].sort((a, b) => a[0] - b[0])) {
    let step = Infinity;
    for (let k = 1; k < list.length; k++) {
      const d = w.endMs[list[k]!]! - w.endMs[list[k - 1]!]!;
      if (d > 0 && d < step) step = d;
    }
    if (!Number.isFinite(step)) step = DEFAULT_STEP_MS;
    const object = w.objects[o] ?? null;
    let open: { startMs: number; endMs: number } | null = null;
    for (const i of list) {
      if (!flagged(i)) continue;
      const start = w.endMs[i]! - (w.W - 1) * step;
      const end = w.endMs[i]! + step;
      if (open && start <= open.endMs) open.endMs = Math.max(open.endMs, end);
      else {
        if (open) spans.push(make(object, open.startMs, open.endMs));
        open = { startMs: start, endMs: end };
      }
    }
    if (open) spans.push(make(object, open.startMs, open.endMs));
  }
  return spans;
}
