/**
 * Sequential colour scale of the heatmaps (viridis stops, perceptually uniform and readable in
 * grey print), shared by the SVG (report, CLI) and PNG renderings.
 */
const STOPS: readonly [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** v in [0, 1] → [r, g, b] 0–255. */
export function viridis(v: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i]!;
  const b = STOPS[i + 1]!;
  return [Math.round(a[0] + f * (b[0] - a[0])), Math.round(a[1] + f * (b[1] - a[1])), Math.round(a[2] + f * (b[2] - a[2]))];
}

export function hex([r, g, b]: [number, number, number]): string {
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

/** Values scaled to [0, 1] by the map's own max (0 when the map is all zero). */
export function normalise(values: readonly number[]): number[] {
  let max = 0;
  for (const v of values) if (Number.isFinite(v) && v > max) max = v;
  return values.map((v) => (max > 0 && Number.isFinite(v) ? v / max : 0));
}
