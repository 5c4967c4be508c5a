/** A HeatMap as a PNG: each cell a `cell`×`cell` block of the viridis scale (max of the map = yellow). */
import type { HeatMap } from '../../../shared/domain/explain.js';
import { normalise, viridis } from './colormap.js';
import { encodePng } from './png.js';

export function heatMapPng(m: HeatMap, cell = 16): Buffer {
  const w = m.cols * cell;
  const h = m.rows * cell;
  const rgb = new Uint8Array(w * h * 3);
  const v = normalise(m.values);
  for (let r = 0; r < m.rows; r++) {
    for (let c = 0; c < m.cols; c++) {
      const [R, G, B] = viridis(v[r * m.cols + c]!);
      for (let y = r * cell; y < (r + 1) * cell; y++) {
        for (let x = c * cell; x < (c + 1) * cell; x++) {
          const o = (y * w + x) * 3;
          rgb[o] = R;
          rgb[o + 1] = G;
          rgb[o + 2] = B;
        }
      }
    }
  }
  return encodePng(w, h, rgb);
}
