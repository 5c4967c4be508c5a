import { pathToFileURL } from 'node:url';
import { benchScouterImport } from './scouter-import.bench';

/**
 * The figure in one line: the paper's scale — 10 counters × 4 objects × 338 days of
 * 5-minute rows — from CSV files on disk to a committed DuckDB workspace, through the real import
 * service. The full benchmark, with every run and the breakdown, is `scouter-import.bench.ts`;
 * this one runs 3 warm imports and prints the median. Needs `npm run build:main` (the worker bundle).
 * Target: under 1 s.
 */
export async function benchImportToDuckDb(): Promise<{ seconds: number; rows: number; rowsPerSec: number; parseSeconds: number; writeSeconds: number }> {
  const { warm } = await benchScouterImport(3);
  const mid = [...warm].sort((a, b) => a.seconds - b.seconds)[1]!;
  return { seconds: mid.seconds, rows: mid.rows, rowsPerSec: mid.rows / mid.seconds, parseSeconds: mid.parse + mid.merge, writeSeconds: mid.append + mid.commit };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchImportToDuckDb();
  console.log(
    `scouter import (10 counters × 4 objects × 338 days → DuckDB), median of 3: ${r.seconds.toFixed(3)} s (parse + merge ${r.parseSeconds.toFixed(3)} s, append + commit ${r.writeSeconds.toFixed(3)} s) ` +
      `for ${r.rows} object-rows; target 1 s: ratio ${(1 / r.seconds).toFixed(2)}`,
  );
}
