import { trainModel } from '../src-main/core/engine/train.js';
const F = 38, W = 4;
const kind = process.env.K ?? 'contrastive'; const bs = Number(process.env.BS ?? 256); const n = Number(process.env.N ?? 3000);
const x = new Float32Array(n * F * W); for (let i = 0; i < x.length; i++) x[i] = Math.random();
const y = new Uint8Array(n); for (let i = 0; i < n; i++) y[i] = i % 40 === 0 ? 1 : 0;
const ws = { F, W, n, x, y, counters: [], objects: [], endMs: new Float64Array(0), objectIndex: new Int32Array(0), outageIndex: new Int32Array(0) } as any;
const m = trainModel({ kind: kind as any, params: {} }, ws, { epochs: 1, batchSize: bs, seed: 1 });
console.log(kind, bs, Math.round(n / m.trainSeconds), m.pretrainSeconds, m.finetuneSeconds);
