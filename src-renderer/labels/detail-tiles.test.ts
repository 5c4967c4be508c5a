import { describe, expect, it } from 'vitest';
import type { SeriesPoints } from '../../shared/ipc/contract';
import { DetailTiles, type DetailTile } from './detail-tiles';
import type { Range } from './window-data';

/** Real points for a range: one per unit of time, value = time (the engine's answer shape). */
function answer(object: string, r: Range): SeriesPoints {
  const times: number[] = [];
  for (let t = Math.ceil(r.fromMs); t <= r.toMs; t++) times.push(t);
  return { object, counters: ['TPS'], times, values: [times.map((t) => t)] };
}

function setup() {
  const calls: { object: string; range: Range }[] = [];
  const pending: (() => void)[] = [];
  const loaded: DetailTile[] = [];
  const errors: unknown[] = [];
  const tiles = new DetailTiles(
    (object, range) => {
      calls.push({ object, range });
      return new Promise((resolve, reject) => pending.push(() => (object === '/bad' ? reject(new Error('boom')) : resolve(answer(object, range)))));
    },
    (t) => loaded.push(t),
    (e) => errors.push(e),
    2,
  );
  const flush = async () => {
    for (const p of pending.splice(0)) p();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { tiles, calls, loaded, errors, flush };
}

describe('DetailTiles', () => {
  it('fetches each object once per range, caches the tile and serves windows inside it', async () => {
    const { tiles, calls, loaded, flush } = setup();
    tiles.request(['/a', '/b'], { fromMs: 100, toMs: 200 }, 50);
    tiles.request(['/a', '/b'], { fromMs: 100, toMs: 200 }, 50); // same request in flight: no second query
    expect(calls).toHaveLength(2);
    expect(tiles.loading).toBe(true);
    await flush();
    expect(tiles.loading).toBe(false);
    expect(loaded).toHaveLength(1);
    const t = tiles.best(['/a', '/b'], { fromMs: 120, toMs: 180 });
    expect(t?.cols.get('/b')?.times.length).toBe(101);
    expect(tiles.best(['/a', '/b'], { fromMs: 90, toMs: 180 })).toBeNull(); // not covered
    expect(tiles.best(['/a'], { fromMs: 120, toMs: 180 })).toBeNull(); // other objects shown
  });

  it('prefers the tile with the most points in the window and evicts the least recently used', async () => {
    const { tiles, flush } = setup();
    tiles.request(['/a'], { fromMs: 0, toMs: 1000 }, 50);
    tiles.request(['/a'], { fromMs: 400, toMs: 600 }, 50);
    await flush();
    expect(tiles.best(['/a'], { fromMs: 450, toMs: 550 })?.range).toEqual({ fromMs: 0, toMs: 1000 }); // same density here: first found
    tiles.request(['/a'], { fromMs: 2000, toMs: 2100 }, 50);
    await flush();
    // Capacity 2: the oldest unused tile went.
    expect(tiles.best(['/a'], { fromMs: 450, toMs: 550 })).not.toBeNull();
    expect(tiles.best(['/a'], { fromMs: 2000, toMs: 2100 })).not.toBeNull();
  });

  it('reports errors and drops answers that arrive after clear()', async () => {
    const { tiles, loaded, errors, flush } = setup();
    tiles.request(['/bad'], { fromMs: 0, toMs: 10 }, 50);
    await flush();
    expect(errors).toHaveLength(1);
    tiles.request(['/a'], { fromMs: 0, toMs: 10 }, 50);
    tiles.clear();
    await flush();
    expect(loaded).toHaveLength(0);
    expect(tiles.best(['/a'], { fromMs: 0, toMs: 10 })).toBeNull();
  });
});
