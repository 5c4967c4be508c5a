import type { WindowSet } from '../../../shared/domain/windows';

/**
 * The paper's Algorithm 1 (METHODS.md §3): for each abnormal window, a copy whose first
 * floor(W/2) time steps (the 10 minutes that precede the outage, hence normal) are replaced by
 * those of the nearest-in-time normal window of the same object. Returns the extra abnormal
 * windows as [m, F, W] plus their source window indices; these are also the contrastive
 * model's "similar views".
 */
export function augmentAbnormal(ws: WindowSet): { x: Float32Array; source: Int32Array } {
  const { F, W, n } = ws;
  const head = Math.floor(W / 2);
  const abnormal: number[] = [];
  for (let i = 0; i < n; i++) if (ws.y[i] === 1) abnormal.push(i);
  const normalsByObject = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (ws.y[i] !== 0) continue;
    const o = ws.objectIndex[i] as number;
    const list = normalsByObject.get(o) ?? [];
    list.push(i);
    normalsByObject.set(o, list);
  }
  const x = new Float32Array(abnormal.length * F * W);
  const source = new Int32Array(abnormal.length);
  abnormal.forEach((a, m) => {
    source[m] = a;
    x.set(ws.x.subarray(a * F * W, (a + 1) * F * W), m * F * W);
    const normals = normalsByObject.get(ws.objectIndex[a] as number);
    if (!normals || normals.length === 0) return;
    const t = ws.endMs[a] as number;
    let best = normals[0] as number;
    for (const j of normals) if (Math.abs((ws.endMs[j] as number) - t) < Math.abs((ws.endMs[best] as number) - t)) best = j;
    for (let f = 0; f < F; f++) for (let s = 0; s < head; s++) x[(m * F + f) * W + s] = ws.x[(best * F + f) * W + s] as number;
  });
  return { x, source };
}
