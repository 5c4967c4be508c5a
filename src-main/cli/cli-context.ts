import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../services/engine';
import { findAppRoot } from '../services/paths';
import { locate, VigilError } from '../../shared/errors';

export const appRoot = findAppRoot(dirname(fileURLToPath(import.meta.url)));

export function defaultWorkspace(): string {
  return resolve(process.env['VIGIL_WORKSPACE'] ?? 'vigil-workspace');
}

export async function withEngine<T>(opts: { workspace?: string }, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = await Engine.create({ root: appRoot, transport: 'loopback', ...(opts.workspace ? { workspaceDir: opts.workspace } : {}) });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

/** Prints an error the way users need it: what, where (file:line:col (field)), what to do. */
export function reportError(e: unknown): number {
  if (e instanceof VigilError) {
    const where = locate(e.where);
    process.stderr.write(`vigil: ${where ? `${where}: ` : ''}${e.message}\n`);
    if (e.hint) process.stderr.write(`  hint: ${e.hint}\n`);
    return 2;
  }
  process.stderr.write(`vigil: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 1;
}

/** Attaches a job's log lines and a one-line progress bar with ETA to the terminal. */
export function followJobs(engine: Engine, opts: { quiet?: boolean } = {}): () => void {
  const tty = process.stderr.isTTY;
  return engine.onEvent((event, payload) => {
    if (event !== 'job:event') return;
    const e = payload as import('../../shared/domain/jobs').JobEvent;
    if (e.kind === 'log' && !opts.quiet) {
      if (tty) process.stderr.write('\r\x1b[K');
      process.stderr.write(`${e.line}\n`);
    } else if (e.kind === 'progress' && e.task === undefined && tty) {
      const width = 30;
      const filled = Math.round(e.value * width);
      const eta = e.etaMs === null ? '' : ` ETA ${Math.ceil(e.etaMs / 1000)} s`;
      process.stderr.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(e.value * 100).toFixed(0)}%${eta} ${e.message ?? ''}`);
    }
  });
}
