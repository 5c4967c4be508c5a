import { threadId } from 'node:worker_threads';
import { z } from 'zod';
import { serveTasks } from './worker-runtime';
import { matmulProbe } from '../core/diagnostics/matmul-probe';
import { VigilError } from '../../shared/errors';

const Payload = z.object({ seconds: z.number().positive().max(600) });

serveTasks(async (raw, ctx) => {
  const { seconds } = Payload.parse(raw);
  ctx.log(`thread ${threadId}: float32 matmul probe for ${seconds} s`);
  const r = matmulProbe({ seconds, onProgress: (value) => ctx.emit({ kind: 'progress', value }), cancelled: ctx.cancelled });
  if (ctx.cancelled()) throw new VigilError('JOB_CANCELLED', 'probe cancelled');
  ctx.log(`thread ${threadId}: ${r.gflops.toFixed(2)} GFLOP/s`);
  return { threadId, ...r };
});
