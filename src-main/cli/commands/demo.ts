import type { Command } from 'commander';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VigilError } from '../../../shared/errors';
import { Workspace, WORKSPACE_DB } from '../../services/workspace/duckdb-workspace';
import type { ImportSummary } from '../../services/import/run-import';
import { followJobs, withEngine } from '../cli-context';
import { printImportSummary } from './import';

const DEMO_MARK = 'demo-workspace';

/** A demo workspace is rebuilt at every run; a workspace holding other data is never touched. */
async function prepareDemoWorkspace(dir: string): Promise<void> {
  if (!existsSync(join(dir, WORKSPACE_DB))) return;
  const ws = await Workspace.open(dir);
  let isDemo = false;
  let empty = false;
  try {
    isDemo = (await ws.setting<boolean>(DEMO_MARK)) === true;
    empty = Number((await ws.one('SELECT count(*) AS n FROM imports'))?.['n'] ?? 0) === 0;
  } finally {
    ws.close();
  }
  if (!isDemo && !empty) throw new VigilError('INVALID_SETTINGS', `${dir} holds a workspace that is not a demo workspace`, { hint: 'Pass another folder with --workspace; the demo rebuilds its workspace at every run.' });
  for (const f of [WORKSPACE_DB, `${WORKSPACE_DB}.wal`]) rmSync(join(dir, f), { force: true });
  rmSync(join(dir, 'models'), { recursive: true, force: true });
  rmSync(join(dir, 'reports'), { recursive: true, force: true });
}

/**
 * `vigil demo`: the main job end to end on the bundled sample (resources/demo): import the
 * Scouter export and access logs → health-check outages → label set. It grows stage by stage as
 * the pipeline lands (→ comparison → report).
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the main job end to end on the bundled demo data (sample → labels → models → comparison → report)')
    .option('-w, --workspace <dir>', 'demo workspace folder (rebuilt at every run)', 'vigil-demo')
    .option('-q, --quiet', 'only the summary')
    .action(async (o: { workspace: string; quiet?: boolean }) => {
      const dir = resolve(o.workspace);
      await prepareDemoWorkspace(dir);
      await withEngine({ workspace: dir }, async (engine) => {
        await engine.workspace.setSetting(DEMO_MARK, true);
        const out = (t: string) => process.stdout.write(t);
        const stop = followJobs(engine, { quiet: o.quiet ?? false });
        out(`Vigil demo → ${dir}\n\n1. import: Scouter Daily-All export (10 counters × 4 WAS) + one nginx access log per WAS\n`);
        const { done } = engine.startJob('import', { paths: [join(engine.paths.demo, 'data')], timeZone: 'Asia/Seoul' });
        const summary = (await done) as ImportSummary;
        stop();
        printImportSummary(summary, out);
        const info = await engine.workspaceInfo();
        out(`\nworkspace ${info.path}: ${Object.entries(info.counts).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
        out(`next: \`npx vigil serve --workspace ${o.workspace}\` to review the outages and labels in the UI\n`);
      });
    });
}
