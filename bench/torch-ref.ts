/**
 * Runs the PyTorch anchor (../shared/anchors/torch_ref/ref.py, PROTOCOL.md §9 timing) for speed
 * comparisons. Several configurations run in ONE python process (`ref.main([...])` per
 * configuration) so torch's import and thread-pool start are paid once; each configuration's
 * result line (`--out`, JSON) is read back.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PYTHON = '/usr/bin/python3';
export const REF_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/anchors/torch_ref');

export type RefData = { format: 'smd'; dir: string; entity: string } | { format: 'csv'; file: string };

export interface RefConfig {
  model: 'cnn' | 'lstm' | 'contrastive';
  batch: number;
  threads: number;
  epochs: number;
  data: RefData;
  folds?: number;
  /** e.g. '0,1': the last listed fold's line is the measurement (earlier ones warm up). */
  onlyFolds?: string;
  seed?: number;
  scoreBatch?: number;
}

export interface RefResult {
  config: RefConfig;
  /** One result line per fold run (PROTOCOL.md §11 fields). */
  lines: Record<string, unknown>[];
  trainWindowsPerS: number;
  scoreWindowsPerS: number;
  nTrain: number;
}

export function torchAvailable(): { ok: boolean; version?: string; reason?: string } {
  if (!existsSync(PYTHON)) return { ok: false, reason: `${PYTHON} missing` };
  if (!existsSync(join(REF_DIR, 'ref.py'))) return { ok: false, reason: `ref.py missing in ${REF_DIR}` };
  const r = spawnSync(PYTHON, ['-c', 'import torch, sklearn, numpy; print(torch.__version__)'], { encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, reason: (r.stderr || 'import torch failed').trim().split('\n').pop() };
  return { ok: true, version: r.stdout.trim() };
}

function argv(c: RefConfig, out: string): string[] {
  const a = ['--model', c.model, '--split', 'kfold', '--folds', String(c.folds ?? 5), '--epochs', String(c.epochs), '--batch', String(c.batch), '--threads', String(c.threads), '--seed', String(c.seed ?? 0), '--score-batch', String(c.scoreBatch ?? 1024), '--out', out];
  if (c.onlyFolds) a.push('--only-folds', c.onlyFolds);
  if (c.data.format === 'smd') a.push('--data', c.data.dir, '--format', 'smd', '--entity', c.data.entity);
  else a.push('--data', c.data.file, '--format', 'csv', '--entity', 'synthetic');
  return a;
}

/** Runs the configurations sequentially in one python process. */
export async function runTorchRef(configs: RefConfig[], opts: { timeoutMs?: number } = {}): Promise<RefResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-torchref-'));
  try {
    const outs = configs.map((_, i) => join(dir, `r${i}.jsonl`));
    const calls = configs.map((c, i) => `ref.main(${JSON.stringify(argv(c, outs[i]!))})`).join('\n');
    const script = `import sys\nsys.path.insert(0, ${JSON.stringify(REF_DIR)})\nimport ref\n${calls}\n`;
    await new Promise<void>((res, rej) => {
      execFile(PYTHON, ['-c', script], { cwd: REF_DIR, timeout: opts.timeoutMs ?? 3_600_000, maxBuffer: 1 << 26 }, (err, _o, stderr) => {
        if (err) rej(new Error(`ref.py failed: ${err.message}\n${stderr}`));
        else res();
      });
    });
    const results: RefResult[] = [];
    for (let i = 0; i < configs.length; i++) {
      const lines = (await readFile(outs[i]!, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const last = lines[lines.length - 1]!;
      results.push({ config: configs[i]!, lines, trainWindowsPerS: Number(last['train_windows_per_s']), scoreWindowsPerS: Number(last['score_windows_per_s']), nTrain: Number(last['n_train']) });
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
