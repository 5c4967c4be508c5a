import { describe, expect, it } from 'vitest';
import type { EventMap, EventName } from '../../shared/ipc/contract';
import { runJob } from './run-job';

function fakeApi(script: (emit: <E extends EventName>(e: E, p: EventMap[E]) => void) => void) {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const emit = <E extends EventName>(e: E, p: EventMap[E]) => listeners.get(e)?.forEach((l) => l(p));
  return {
    on: (e: string, l: (p: unknown) => void) => {
      const set = listeners.get(e) ?? new Set();
      set.add(l);
      listeners.set(e, set);
      return () => set.delete(l);
    },
    invoke: async () => {
      script(emit); // finishes before jobs:start answers
      return { jobId: 'j1' };
    },
    listeners,
  };
}

describe('runJob', () => {
  it('resolves with the result even when job:finished comes before jobs:start answers', async () => {
    const api = fakeApi((emit) => emit('job:finished', { jobId: 'j1', state: 'succeeded', result: { n: 3 } }));
    await expect(runJob(api as never, 'import', {})).resolves.toEqual({ n: 3 });
    expect([...api.listeners.values()].every((s) => s.size === 0)).toBe(true);
  });

  it('rejects with the serialized error, where included', async () => {
    const api = fakeApi((emit) => emit('job:finished', { jobId: 'j1', state: 'failed', error: { code: 'PARSE_ERROR', message: 'bad', where: { file: 'a.csv', line: 3, column: 2 } } }));
    await expect(runJob(api as never, 'import', {})).rejects.toMatchObject({ code: 'PARSE_ERROR', where: { file: 'a.csv', line: 3, column: 2 } });
  });

  it('reports a cancel as JOB_CANCELLED', async () => {
    const api = fakeApi((emit) => emit('job:finished', { jobId: 'j1', state: 'cancelled' }));
    await expect(runJob(api as never, 'import', {})).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
  });
});
