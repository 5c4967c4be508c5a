import { z } from 'zod';
import type { JobKind } from '../../shared/domain/jobs';
import { VigilError } from '../../shared/errors';
import type { Engine } from './engine';
import { workerScript } from './paths';

function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  const r = schema.safeParse(params);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new VigilError('INVALID_SETTINGS', `${i?.path.join('.') || 'params'}: ${i?.message ?? 'invalid'}`, { where: { field: i?.path.join('.') ?? '' } });
  }
  return r.data;
}

const SelftestParams = z.object({ seconds: z.number().positive().max(600).default(2), workers: z.number().int().min(1).max(64).optional() }).strict();

/** Starts a job of the given kind; each kind validates its own parameters. */
export function startJob(engine: Engine, kind: JobKind, params: Record<string, unknown>): { jobId: string; done: Promise<unknown> } {
  switch (kind) {
    case 'selftest': {
      const p = parseParams(SelftestParams, params);
      const n = p.workers ?? engine.pool.size;
      return engine.jobs.start('selftest', `Self-test on ${n} worker(s)`, async (ctx) => {
        const script = workerScript(engine.paths, 'diagnostics');
        const shares = new Array<number>(n).fill(0);
        const results = await Promise.all(
          shares.map((_, i) =>
            ctx.runTask<{ gflops: number }>(script, { seconds: p.seconds }, {
              task: `worker ${i + 1}`,
              onProgress: (v) => {
                shares[i] = v;
                ctx.progress(shares.reduce((a, b) => a + b, 0) / n);
              },
            }),
          ),
        );
        const total = results.reduce((a, r) => a + r.gflops, 0);
        ctx.log(`total ${total.toFixed(2)} GFLOP/s over ${n} worker(s)`);
        return { workers: results, totalGflops: total };
      });
    }
  }
}
