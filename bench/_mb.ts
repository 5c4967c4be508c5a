import { trainModel } from '../src-main/core/engine/train.js';
import { Conv2D } from '../src-main/core/engine/layers.js';
const F = 38, W = 4;
const kinds = (process.env.K ?? 'cnn,contrastive').split(',');
const batches = (process.env.BS ?? '256').split(',').map(Number);
const mode = process.env.MODE ?? 'ab';
function data(n: number) {
  const x = new Float32Array(n * F * W); for (let i = 0; i < x.length; i++) x[i] = Math.random();
  const y = new Uint8Array(n); for (let i = 0; i < n; i++) y[i] = i % 40 === 0 ? 1 : 0;
  return { F, W, n, x, y, counters: [], objects: [], endMs: new Float64Array(0), objectIndex: new Int32Array(0), outageIndex: new Int32Array(0) } as any;
}
const desc = Object.getOwnPropertyDescriptor(Conv2D.prototype, 'splitCols');
for (const kind of kinds) for (const bs of batches) {
  const n = kind === 'contrastive' ? (bs >= 256 ? 3000 : 1500) : bs >= 256 ? 12000 : 4000;
  const ws = data(n);
  const res: Record<string, number> = {};
  for (let r = 0; r < Number(process.env.R ?? 3); r++) for (const split of mode === 'ab' ? [false, true] : [true]) {
    if (desc) Object.defineProperty(Conv2D.prototype, 'splitCols', split ? desc : { get: () => false, configurable: true });
    const m = trainModel({ kind: kind as any, params: {} }, ws, { epochs: 1, batchSize: bs, seed: 1 });
    const wps = n / m.trainSeconds;
    const key = split ? 'new' : 'old';
    res[key] = Math.max(res[key] ?? 0, wps);
  }
  console.log(kind, bs, JSON.stringify(Object.fromEntries(Object.entries(res).map(([k, v]) => [k, Math.round(v)]))));
}
