/**
 * Each object's window indices in time order (by window end; ties in input order), objects in
 * order of first appearance: the workspace's windows interleave the objects, and per-object
 * passes (calibration tails, merging flagged runs) need them apart.
 */
export function windowsByObject(objectIndex: ArrayLike<number>, endMs: ArrayLike<number>, n = objectIndex.length): Map<number, number[]> {
  const byObj = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const o = objectIndex[i] as number;
    let l = byObj.get(o);
    if (!l) byObj.set(o, (l = []));
    l.push(i);
  }
  for (const l of byObj.values()) l.sort((a, c) => (endMs[a] as number) - (endMs[c] as number) || a - c);
  return byObj;
}
