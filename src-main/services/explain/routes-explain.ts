import type { Channel, ParsedRequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { Engine } from '../engine';
import { workerScript } from '../paths';
import { explainCandidates, explainEmbedding, explainWindow, storedAverage } from './explain-service';
import { poolCompute } from './pool-compute';

type ExplainChannels = 'explain:windows' | 'explain:window' | 'explain:embedding' | 'explain:average-get';
type ExplainHandlers = { [C in ExplainChannels & Channel]: (req: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

/**
 * Handlers of the Explain area (METHODS.md §7). Spread into `routes()`. Averaged maps are the
 * `explain` job (job-handlers.ts → explain-job.ts); `explain:average-get` reads its stored result.
 */
export function explainRoutes(engine: Engine): ExplainHandlers {
  const compute = () => poolCompute(engine.pool, () => workerScript(engine.paths, 'explain'));
  return {
    'explain:windows': (req) => explainCandidates(engine.workspace, req),
    'explain:window': (req) => explainWindow(engine.workspace, compute(), req),
    'explain:embedding': (req) => explainEmbedding(engine.workspace, compute(), req),
    'explain:average-get': (req) => storedAverage(engine.workspace, req),
  };
}
