/**
 * A CPU throughput probe: repeated float32 matrix products of the size the supervised models
 * use (batch × 64 by 64 × 64). It tells the user what one worker can do on this machine, and
 * exercises the worker pool (progress, cancel) end to end.
 */
export interface ProbeResult {
  gflops: number;
  products: number;
  seconds: number;
}

export function matmulProbe(opts: { seconds: number; n?: number; onProgress?: (v: number) => void; cancelled?: () => boolean }): ProbeResult {
  const n = opts.n ?? 64;
  const a = new Float32Array(n * n);
  const b = new Float32Array(n * n);
  const c = new Float32Array(n * n);
  for (let i = 0; i < a.length; i++) {
    a[i] = ((i * 7919) % 1000) / 1000;
    b[i] = ((i * 104729) % 1000) / 1000;
  }
  const start = performance.now();
  const budget = opts.seconds * 1000;
  let products = 0;
  let lastReport = start;
  for (;;) {
    // i-k-j loop order keeps the inner loop contiguous for V8.
    c.fill(0);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        const aik = a[i * n + k] as number;
        const bo = k * n;
        const co = i * n;
        for (let j = 0; j < n; j++) c[co + j] = (c[co + j] as number) + aik * (b[bo + j] as number);
      }
    }
    products++;
    const now = performance.now();
    if (now - lastReport > 100) {
      lastReport = now;
      opts.onProgress?.(Math.min(1, (now - start) / budget));
      if (opts.cancelled?.()) break;
    }
    if (now - start >= budget) break;
  }
  const seconds = (performance.now() - start) / 1000;
  return { gflops: (2 * n * n * n * products) / seconds / 1e9, products, seconds };
}
