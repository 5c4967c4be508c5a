import type { Command } from 'commander';
import { defaultWorkspace, followJobs, withEngine } from '../cli-context';

/**
 * `vigil demo`: the main job end to end on the bundled sample. It grows stage by stage as the
 * pipeline lands: workspace → (import → outages → labels → comparison → report).
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the main job end to end on the bundled demo data (sample → labels → models → comparison → report)')
    .option('-w, --workspace <dir>', 'workspace folder to create or reuse', defaultWorkspace())
    .action(async (opts: { workspace: string }) => {
      await withEngine({ workspace: opts.workspace }, async (engine) => {
        const stop = followJobs(engine);
        const { done } = engine.startJob('selftest', { seconds: 1 });
        await done;
        stop();
        const info = await engine.workspaceInfo();
        process.stdout.write(`\ndemo workspace: ${info.path}\n`);
        for (const [k, v] of Object.entries(info.counts)) process.stdout.write(`  ${k.padEnd(12)} ${v}\n`);
      });
    });
}
