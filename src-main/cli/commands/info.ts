import type { Command } from 'commander';
import { defaultWorkspace, withEngine } from '../cli-context';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('print what a workspace holds')
    .option('-w, --workspace <dir>', 'workspace folder', defaultWorkspace())
    .action(async (opts: { workspace: string }) => {
      await withEngine({ workspace: opts.workspace }, async (engine) => {
        const info = await engine.workspaceInfo();
        process.stdout.write(`workspace ${info.path} (schema ${info.schemaVersion})\n`);
        for (const [k, v] of Object.entries(info.counts)) process.stdout.write(`  ${k.padEnd(12)} ${v}\n`);
      });
    });
}
