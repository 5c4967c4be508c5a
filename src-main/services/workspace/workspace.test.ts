import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations';
import { listSeries, readSeries, writeSeries } from './series-store';
import { createLabelSet, editLabels, getLabelVersion, listLabelSets } from './label-store';
import type { ObjectSeries } from '../../../shared/domain/series';
import { tempWorkspaces } from './temp-workspaces';

const temp = tempWorkspaces('ws');
const fresh = temp.fresh;

function series(object: string, counters: string[], t0: number, T: number, f: (i: number, k: number) => number): ObjectSeries {
  const values = new Float64Array(T * counters.length);
  for (let i = 0; i < T; i++) for (let k = 0; k < counters.length; k++) values[i * counters.length + k] = f(i, k);
  return { object, objType: 'tomcat', counters, cadenceMs: 300_000, times: Float64Array.from({ length: T }, (_, i) => t0 + i * 300_000), values };
}

describe('Workspace', () => {
  it('migrates a new folder and reopens it', async () => {
    const ws = await fresh();
    expect(ws.schemaVersion).toBeGreaterThan(0);
    const tables = (await ws.all(`SELECT table_name FROM information_schema.tables`)).map((r) => r['table_name']);
    expect(tables).toEqual(expect.arrayContaining(['series', 'outages', 'label_versions', 'runs', 'fold_metrics']));
    const dir = ws.dir;
    temp.close(ws);
    const again = await temp.open(dir);
    expect(Number((await again.all('SELECT count(*) AS n FROM schema_migrations'))[0]?.['n'])).toBe(MIGRATIONS.length);
  });

  it('round-trips series; missing stays missing, zero stays zero', async () => {
    const ws = await fresh();
    const s = series('/WAS1/A', ['TPS', 'HeapUsed'], 1_700_000_000_000, 100, (i, k) => (i === 3 && k === 0 ? NaN : i === 4 ? 0 : i * 10 + k));
    await ws.transaction((tx) => writeSeries(tx, [s]));
    const back = await readSeries(ws, '/WAS1/A');
    expect(back?.counters).toEqual(['TPS', 'HeapUsed']);
    expect(Array.from(back!.times)).toEqual(Array.from(s.times));
    expect(Number.isNaN(back!.values[3 * 2])).toBe(true);
    expect(back!.values[4 * 2]).toBe(0);
    expect(back!.values[5 * 2 + 1]).toBe(51);
    const list = await listSeries(ws);
    expect(list).toEqual([expect.objectContaining({ object: '/WAS1/A', rows: 100, missing: 1, counters: ['TPS', 'HeapUsed'] })]);
  });

  it('merges counters imported one file at a time into one series', async () => {
    const ws = await fresh();
    await ws.transaction((tx) => writeSeries(tx, [series('/WAS1/A', ['TPS'], 0, 10, (i) => i)]));
    await ws.transaction((tx) => writeSeries(tx, [series('/WAS1/A', ['GcCount'], 0, 10, (i) => 100 + i)]));
    const back = await readSeries(ws, '/WAS1/A');
    expect(back?.counters).toEqual(['TPS', 'GcCount']);
    expect(back?.times.length).toBe(10);
    expect(Array.from(back!.values.subarray(0, 4))).toEqual([0, 100, 1, 101]);
  });

  it('leaves the workspace as it was when a transaction fails half way', async () => {
    const ws = await fresh();
    await expect(
      ws.transaction(async (tx) => {
        await writeSeries(tx, [series('/WAS1/A', ['TPS'], 0, 5000, (i) => i)]);
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
    expect(Number((await ws.all('SELECT count(*) AS n FROM series'))[0]?.['n'])).toBe(0);
    expect(Number((await ws.all('SELECT count(*) AS n FROM objects'))[0]?.['n'])).toBe(0);
    expect(await listSeries(ws)).toEqual([]);
  });

  it('stores every label edit as a new version, with multi-level undo', async () => {
    const ws = await fresh();
    const rules = { gapFactor: 4, businessHours: null };
    const v1 = await ws.transaction((tx) => createLabelSet(tx, 'health checks', rules, [], { kind: 'create', source: 'health-check' }));
    const v2 = await editLabels(ws, v1.labelSetId, { kind: 'add-span', span: { object: '/WAS1/A', startMs: 10, endMs: 20 } });
    const v3 = await editLabels(ws, v1.labelSetId, { kind: 'add-span', span: { object: null, startMs: 30, endMs: 40 } });
    expect(v3.spans).toHaveLength(2);
    expect(v3.spans.every((s) => s.provenance === 'human')).toBe(true);
    const v4 = await editLabels(ws, v1.labelSetId, { kind: 'undo' });
    expect(v4.spans.map((s) => s.startMs)).toEqual([10]);
    const v5 = await editLabels(ws, v1.labelSetId, { kind: 'undo' });
    expect(v5.spans).toEqual([]);
    await expect(editLabels(ws, v1.labelSetId, { kind: 'undo' })).rejects.toThrow(/nothing to undo/);
    const v6 = await editLabels(ws, v1.labelSetId, { kind: 'remove-span', spanId: 'nope' }).catch((e: Error) => e.message);
    expect(v6).toMatch(/not in label set/);
    expect((await getLabelVersion(ws, v1.labelSetId, 2)).spans).toEqual(v2.spans);
    expect(await listLabelSets(ws)).toEqual([expect.objectContaining({ name: 'health checks', latestVersion: 5, spans: 0 })]);
  });
});
