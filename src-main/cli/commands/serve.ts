import type { Command } from 'commander';
import { Engine } from '../../services/engine';
import { startLoopbackServer } from '../../services/loopback/loopback-server';
import { appRoot, defaultWorkspace } from '../cli-context';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the Vigil UI to a browser over a loopback WebSocket (127.0.0.1 only, token-protected)')
    .option('-w, --workspace <dir>', 'workspace folder to open (created if missing)', defaultWorkspace())
    .option('-p, --port <port>', 'port on 127.0.0.1 (0 = any free port)', '0')
    .option('--url-file <file>', 'also write the URL (with its token) to this file, for scripts')
    .action(async (opts: { workspace: string; port: string; urlFile?: string }) => {
      const engine = await Engine.create({ root: appRoot, transport: 'loopback', workspaceDir: opts.workspace });
      const server = await startLoopbackServer(engine, { port: Number(opts.port), rendererDir: engine.paths.renderer });
      if (opts.urlFile) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(opts.urlFile, server.url, { mode: 0o600 });
      }
      process.stdout.write(`Vigil is serving workspace ${engine.workspace.dir}\nOpen ${server.url}\n(the token in the URL is new at every start; press Ctrl+C to stop)\n`);
      const stop = async () => {
        await server.close();
        await engine.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
