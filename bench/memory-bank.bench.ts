/**
 * kNN memory bank (METHODS.md §6.3 R_i; src-main/core/models/unsupervised/memory-bank.ts): exact mean
 * distance to the m = 10 nearest of 50,000 normal embeddings of size 64, the size the unsupervised
 * detectors keep by default. Prints queries/s, the effective GFLOP/s of the distance GEMM, and the
 * ratio against a plain-JS brute force on a sample of the queries (same answers, checked).
 *
 *   npx tsx bench/memory-bank.bench.ts        (BENCH_QUICK=1 → 1,000 queries)
 */
import { Rng } from '../src-main/core/engine/rng';
import { MemoryBank } from '../src-main/core/models/unsupervised/memory-bank';

const N = 50_000;
const D = 64;
const M = 10;
const NQ = process.env['BENCH_QUICK'] ? 1_000 : 5_000;
const rng = new Rng(1);
const bank = new Float32Array(N * D).map(() => rng.normal());
const q = new Float32Array(NQ * D).map(() => rng.normal());

let t = performance.now();
const mb = new MemoryBank(bank, N, D);
const buildMs = performance.now() - t;
mb.meanKnnDistance(q.subarray(0, 64 * D), 64, M); // warm-up (JIT, WASM compile)
t = performance.now();
const got = mb.meanKnnDistance(q, NQ, M);
const s = (performance.now() - t) / 1000;

// plain-JS brute force (float64 distances, sort-free top-m) on the first queries
const NB = 50;
t = performance.now();
const top = new Float64Array(M);
for (let i = 0; i < NB; i++) {
  top.fill(Infinity);
  for (let j = 0; j < N; j++) {
    let d2 = 0;
    for (let k = 0; k < D; k++) {
      const v = q[i * D + k]! - bank[j * D + k]!;
      d2 += v * v;
    }
    if (d2 >= top[M - 1]!) continue;
    let p = M - 1;
    while (p > 0 && top[p - 1]! > d2) {
      top[p] = top[p - 1]!;
      p--;
    }
    top[p] = d2;
  }
  let mean = 0;
  for (let r = 0; r < M; r++) mean += Math.sqrt(top[r]!);
  mean /= M;
  if (Math.abs(mean - got[i]!) > 1e-4 * mean) throw new Error(`query ${i}: bank ${got[i]} vs brute force ${mean}`);
}
const bruteQps = NB / ((performance.now() - t) / 1000);
const qps = NQ / s;
console.log(`memory bank ${N} × ${D}, m = ${M}: built in ${buildMs.toFixed(0)} ms`);
console.log(`  ${NQ} queries in ${s.toFixed(2)} s = ${qps.toFixed(0)} queries/s (${((2 * NQ * N * D) / s / 1e9).toFixed(2)} GFLOP/s distance GEMM)`);
console.log(`  plain-JS brute force: ${bruteQps.toFixed(0)} queries/s → ratio ${(qps / bruteQps).toFixed(1)}× (answers equal on ${NB} queries)`);
