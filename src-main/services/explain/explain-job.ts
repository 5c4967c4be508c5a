import { ExplainAverageParams } from '../../../shared/ipc/schemas';
import { describeAveraged } from '../../../shared/domain/explain';
import { VigilError } from '../../../shared/errors';
import type { Engine } from '../engine';
import { workerScript } from '../paths';
import { explainAverage } from './explain-service';
import { poolCompute } from './pool-compute';

/** Job kind `explain`: averaged normal vs anomalous maps of a run's model (progress, cancel, stored). */
export function startExplainJob(engine: Engine, params: Record<string, unknown>): { jobId: string; done: Promise<unknown> } {
  const r = ExplainAverageParams.safeParse(params);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new VigilError('INVALID_SETTINGS', `${i?.path.join('.') || 'params'}: ${i?.message ?? 'invalid'}`, { where: { field: i?.path.join('.') ?? '' } });
  }
  const p = r.data;
  const ws = engine.workspace;
  return engine.jobs.start('explain', `Explain ${p.model} (${p.setting}): averaged maps`, async (ctx) => {
    ctx.progress(0, 'rebuilding the run’s windows');
    const out = await explainAverage(ws, poolCompute(engine.pool, () => workerScript(engine.paths, 'explain'), ctx), p, (v) => ctx.progress(v), ctx.signal);
    ctx.log(`averaged ${describeAveraged(out)} in ${(out.elapsedMs / 1000).toFixed(1)} s`);
    engine.emit('workspace:changed', { what: 'runs' });
    return out;
  });
}
