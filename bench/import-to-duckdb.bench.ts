import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PAPER_COUNTERS } from '../shared/domain/series';
import { Workspace } from '../src-main/services/workspace/duckdb-workspace';
import { runImport, type ParsedScouter } from '../src-main/services/import/run-import';
import { WorkerPool } from '../src-main/services/jobs/worker-pool';
import { appPaths, findAppRoot, workerScript } from '../src-main/services/paths';
import { generateDailyAllExport } from './scouter-import.bench';

/**
 * The figure: the paper's scale — 10 counters × 4 objects × 338 days of 5-minute rows —
 * from CSV files on disk to a committed DuckDB workspace, through the real import service
 * (read, UTF-8 check, parse — one file per worker, as the app does —, merge into one multivariate
 * series per object, one transaction). Needs `npm run build` (the worker bundle).
 * Target: under 1 s.
 */
export async function benchImportToDuckDb(): Promise<{ seconds: number; rows: number; rowsPerSec: number; parseSeconds: number; writeSeconds: number }> {
  const root = mkdtempSync(join(tmpdir(), 'vigil-bench-import-'));
  const dir = join(root, 'export');
  mkdirSync(dir);
  try {
    PAPER_COUNTERS.forEach((c, i) => writeFileSync(join(dir, `[20210928-20220831]tomcat_${c}.csv`), generateDailyAllExport(i)));
    const pool = new WorkerPool();
    const parser = workerScript(appPaths(findAppRoot(import.meta.dirname)), 'import');
    const parseScouter = (path: string, timeZone: string) => pool.run<ParsedScouter>(parser, { path, timeZone });
    await parseScouter(join(dir, `[20210928-20220831]tomcat_TPS.csv`), 'Asia/Seoul'); // warm the workers
    let best = Infinity;
    let rows = 0;
    let parseSeconds = 0;
    let writeSeconds = 0;
    for (let rep = 0; rep < 3; rep++) {
      const wsDir = join(root, `ws${rep}`);
      const ws = await Workspace.open(wsDir);
      try {
        const t0 = performance.now();
        const s = await runImport(ws, [dir], { timeZone: 'Asia/Seoul' }, { parseScouter });
        const seconds = (performance.now() - t0) / 1000;
        if (seconds < best) {
          best = seconds;
          parseSeconds = s.timings.parseMs / 1000;
          writeSeconds = s.timings.writeMs / 1000;
        }
        rows = s.series.reduce((a, x) => a + x.rows, 0);
      } finally {
        ws.close();
      }
    }
    await pool.close();
    return { seconds: best, rows, rowsPerSec: rows / best, parseSeconds, writeSeconds };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchImportToDuckDb();
  console.log(`scouter import (10 counters × 4 objects × 338 days → DuckDB): ${r.seconds.toFixed(3)} s (parse ${r.parseSeconds.toFixed(3)} s, write ${r.writeSeconds.toFixed(3)} s) for ${r.rows} object-rows; target 1 s: ratio ${(1 / r.seconds).toFixed(2)}`);
}
