import type { Command } from 'commander';
import { resolve } from 'node:path';
import { VigilError } from '../../../shared/errors';
import type { Workspace } from '../../services/workspace/duckdb-workspace';
import { explainAverage, explainCandidates, explainWindow, inProcessCompute } from '../../services/explain/explain-service';
import { writeAverageFiles, writeWindowFiles } from '../../services/explain/explain-files';
import { defaultWorkspace, withEngine } from '../cli-context';
import type { Engine } from '../../services/engine';
import type { ComparisonResult } from '../../services/compare/run-comparison';
import { describeAveraged, type AveragedMaps } from '../../../shared/domain/explain';
import { SUPERVISED_MODELS, UNSUPERVISED_MODELS } from '../../../shared/domain/models';

interface ExplainOptions {
  workspace: string;
  run?: string;
  model: string;
  setting?: string;
  fold?: string;
  window: string;
  out: string;
  average?: boolean;
  maxWindows?: string;
}

/** `index`, `outage:N` (1-based, in time order), `fp`, `fn`, `fp:N`, `fn:N` (most confident first). */
export async function resolveWindowSpec(ws: Workspace, runId: string, model: string, setting: string, spec: string): Promise<{ windowIndex: number; fold: number | undefined }> {
  if (/^\d+$/.test(spec)) return { windowIndex: Number(spec), fold: undefined };
  const m = /^(outage|fp|fn|tp)(?::(\d+))?$/.exec(spec);
  if (!m) throw new VigilError('INVALID_SETTINGS', `--window ${spec}: give a window index, outage:N, fp, fn (or fp:N, fn:N)`, { where: { field: 'window' } });
  const kind = m[1] as 'outage' | 'fp' | 'fn' | 'tp';
  const n = m[2] ? Number(m[2]) : 1;
  const list = await explainCandidates(ws, { runId, model, setting, kinds: [kind], limit: 10_000 });
  const c = list[n - 1];
  if (!c) throw new VigilError('NOT_FOUND', `run ${runId} (${model}, ${setting}) has ${list.length} window(s) of kind ${kind}; ${spec} does not exist`, { where: { field: 'window' } });
  return { windowIndex: c.windowIndex, fold: c.fold };
}

async function defaults(ws: Workspace, o: ExplainOptions): Promise<{ runId: string; setting: string }> {
  const run = o.run ?? String((await ws.one("SELECT id FROM runs WHERE kind = 'comparison' AND state = 'succeeded' ORDER BY created_at_ms DESC LIMIT 1"))?.['id'] ?? '');
  if (!run) throw new VigilError('NOT_FOUND', 'the workspace has no finished comparison run', { hint: 'Run `vigil compare` first.' });
  const setting = o.setting ?? String((await ws.one('SELECT setting FROM fold_metrics WHERE run_id = $1 AND model = $2 ORDER BY setting LIMIT 1', [run, o.model]))?.['setting'] ?? '');
  if (!setting) throw new VigilError('NOT_FOUND', `run ${run} has no results for model ${o.model}`, { where: { field: 'model' } });
  return { runId: run, setting };
}

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('why a window looked anomalous: activation, Grad-CAM, saliency and attention maps over the counters × time grid, written as JSON, SVG and PNG (METHODS.md §7)')
    .option('-w, --workspace <dir>', 'workspace folder', defaultWorkspace())
    .option('--run <id>', 'comparison run (default: the newest finished one)')
    .option('--model <entry>', 'model of the run: cnn, lstm, contrastive, or an unsupervised detector', 'cnn')
    .option('--setting <split/sampling>', 'which setting of the run, e.g. blocked/full (default: the first stored)')
    .option('--fold <k>', "whose fold's model explains (default: the fold that tested the window)")
    .option('--window <spec>', 'window index, outage:N (the last window before the N-th outage), fp, fn, fp:N, fn:N', 'outage:1')
    .option('--out <dir>', 'output folder', 'explain-out')
    .option('--average', 'also write maps averaged over the normal vs anomalous test windows of every fold')
    .option('--max-windows <n>', 'cap on windows averaged (default: all)')
    .action(async (o: ExplainOptions) => {
      await withEngine({ workspace: o.workspace }, async (engine) => {
        const ws = engine.workspace;
        const { runId, setting } = await defaults(ws, o);
        const fold = o.fold === undefined ? undefined : Number(o.fold);
        if (fold !== undefined && !(Number.isInteger(fold) && fold >= 0)) throw new VigilError('INVALID_SETTINGS', `--fold ${o.fold}: not a fold number`, { where: { field: 'fold' } });
        const w = await resolveWindowSpec(ws, runId, o.model, setting, o.window);
        const e = await explainWindow(ws, inProcessCompute, { runId, model: o.model, setting, windowIndex: w.windowIndex, fold: fold ?? w.fold });
        const out = resolve(o.out);
        const files = writeWindowFiles(out, e);
        process.stdout.write(`run ${runId} · ${o.model} · ${setting} · fold ${e.fold}\nwindow ${e.window.windowIndex}: ${e.window.object} ending ${new Date(e.window.endMs).toISOString()} (label ${e.label}, score ${e.score.toFixed(4)}${e.threshold === null ? '' : `, threshold ${e.threshold.toFixed(4)}`}) in ${e.elapsedMs.toFixed(0)} ms\n`);
        // the deepest Grad-CAM, else saliency / occlusion: the map whose ranking HitRate scores best on SMD
        const ranked = e.maps.filter((m) => m.grid === 'counter-time');
        const sal = ranked.filter((m) => m.method === 'gradcam').at(-1) ?? ranked.find((m) => m.method === 'saliency' || m.method === 'occlusion');
        if (sal) {
          const top = sal.counterImportance.map((v, f) => [v, f] as const).sort((a, b) => b[0] - a[0]).slice(0, 5);
          process.stdout.write(`top counters (${sal.method}${sal.layer ? ` ${sal.layer}` : ''}): ${top.map(([v, f]) => `${e.counters[f]} ${v.toPrecision(3)}`).join(', ')}\n`);
        }
        if (o.average) {
          const maxWindows = o.maxWindows === undefined ? undefined : Number(o.maxWindows);
          const a = await explainAverage(ws, inProcessCompute, { runId, model: o.model, setting, ...(maxWindows ? { maxWindows } : {}) }, (v) => process.stderr.isTTY && process.stderr.write(`\raveraging ${(v * 100).toFixed(0)}%`));
          if (process.stderr.isTTY) process.stderr.write('\n');
          files.push(...writeAverageFiles(out, a));
          process.stdout.write(`averaged ${describeAveraged(a)} in ${(a.elapsedMs / 1000).toFixed(1)} s\n`);
        }
        process.stdout.write(`wrote ${files.length} files to ${out}\n`);
      });
    });
}

/**
 * `vigil demo`'s explanation step: averaged maps of the best supervised model under blocked folds
 * without negative sampling (ROC-AUC), and of every unsupervised detector of the run (attention
 * maps), as `explain` jobs whose stored results the report shows. Returns one line per model.
 */
export async function explainForReport(engine: Engine, comparison: ComparisonResult): Promise<string[]> {
  const rows = comparison.rows.filter((r) => r.split === 'blocked' && r.sampling === 'full' && r.variant === null && r.folds > 0);
  const auc = (r: (typeof rows)[number]) => r.summary.metrics.rocAuc.mean ?? -1;
  const best = rows.filter((r) => (SUPERVISED_MODELS as readonly string[]).includes(r.kind)).sort((a, b) => auc(b) - auc(a))[0];
  const picks = [...(best ? [best] : []), ...rows.filter((r) => (UNSUPERVISED_MODELS as readonly string[]).includes(r.kind))];
  const lines: string[] = [];
  for (const r of picks) {
    try {
      const a = (await engine.startJob('explain', { runId: comparison.runId, model: r.model, setting: 'blocked/full' }).done) as AveragedMaps;
      lines.push(`${r.model}: maps averaged over ${describeAveraged(a)} in ${(a.elapsedMs / 1000).toFixed(1)} s`);
    } catch (e) {
      lines.push(`${r.model}: not explained (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return lines;
}
