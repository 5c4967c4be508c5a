import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultLabelSet, type LabelDiff, type LabelSetSummary, type LabelSetVersion, type LabelSpan, type LabelVersionSummary } from '../../../shared/domain/labels';
import { Engine } from '../engine';
import { findAppRoot } from '../paths';
import { createLabelSet, diffSpans } from './label-store';

// labels:versions / diff / set-rules / replace-spans through `Engine.handle` (validation included).
const tmp = mkdtempSync(join(tmpdir(), 'vigil-label-versions-'));
let engine: Engine;
let labelSetId = '';
const H = 3_600_000;
const hc = (id: string, startMs: number, endMs: number): LabelSpan => ({ id, object: null, startMs, endMs, provenance: 'health-check' });

beforeAll(async () => {
  engine = await Engine.create({ root: findAppRoot(import.meta.dirname), transport: 'loopback', workspaceDir: join(tmp, 'ws'), configDir: join(tmp, 'config'), poolSize: 1 });
  const v = await engine.workspace.transaction((tx) =>
    createLabelSet(tx, 'health checks', { gapFactor: 3, businessHours: null }, [hc('a', 0, H), hc('b', 5 * H, 6 * H)], { kind: 'create', source: 'health-check' }),
  );
  labelSetId = v.labelSetId;
});
afterAll(async () => {
  await engine.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('diffSpans', () => {
  it('matches spans by what they cover, not by id', () => {
    const a = [hc('1', 0, 10), hc('2', 20, 30)];
    const b = [hc('x', 0, 10), hc('3', 40, 50)];
    expect(diffSpans(a, b)).toEqual({ added: [hc('3', 40, 50)], removed: [hc('2', 20, 30)] });
    expect(diffSpans(a, a)).toEqual({ added: [], removed: [] });
  });
});

describe('label version channels', () => {
  it('lists versions and diffs an add and its undo', async () => {
    await engine.handle('labels:edit', { labelSetId, edit: { kind: 'add-span', span: { object: '/x/a', startMs: 2 * H, endMs: 3 * H } } });
    await engine.handle('labels:edit', { labelSetId, edit: { kind: 'undo' } });
    const versions = (await engine.handle('labels:versions', { labelSetId })) as LabelVersionSummary[];
    expect(versions.map((v) => [v.version, v.parentVersion, v.edit.kind, v.spans])).toEqual([
      [1, null, 'create', 2],
      [2, 1, 'add-span', 3],
      [3, 2, 'undo', 2],
    ]);
    const d12 = (await engine.handle('labels:diff', { labelSetId, a: 1, b: 2 })) as LabelDiff;
    expect(d12.added.map((s) => [s.object, s.provenance])).toEqual([['/x/a', 'human']]);
    expect(d12.removed).toEqual([]);
    expect(await engine.handle('labels:diff', { labelSetId, a: 1, b: 3 })).toEqual({ added: [], removed: [] });
    await expect(engine.handle('labels:diff', { labelSetId, a: 1, b: 99 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(engine.handle('labels:diff', { labelSetId, a: 0, b: 1 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(engine.handle('labels:versions', { labelSetId: 'missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stores business hours as a new version with the same spans', async () => {
    const rules = { gapFactor: 3, businessHours: { startMinute: 420, endMinute: 1200, weekdaysOnly: true, utcOffsetMinutes: 540 } };
    const v = (await engine.handle('labels:set-rules', { labelSetId, rules })) as LabelSetVersion;
    expect(v.rules).toEqual(rules);
    expect(v.edit).toEqual({ kind: 'set-rules', rules });
    expect(v.spans).toHaveLength(2);
    await expect(engine.handle('labels:set-rules', { labelSetId, rules: { gapFactor: 3, businessHours: { startMinute: 2000, endMinute: 1, weekdaysOnly: true, utcOffsetMinutes: 0 } } })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
  });

  it('replaces the spans (new k) as one new version', async () => {
    const spans = [{ object: null, startMs: 0, endMs: H, provenance: 'health-check' as const, outageId: 'o1' }];
    const v = (await engine.handle('labels:replace-spans', { labelSetId, spans, note: 'gap factor k = 5', rules: { gapFactor: 5, businessHours: null } })) as LabelSetVersion;
    expect(v.edit).toEqual({ kind: 'replace-spans', note: 'gap factor k = 5', spans: 1 });
    expect(v.rules.gapFactor).toBe(5);
    expect(v.spans[0]).toMatchObject({ outageId: 'o1', startMs: 0, endMs: H });
    const d = (await engine.handle('labels:diff', { labelSetId, a: v.version - 1, b: v.version })) as LabelDiff;
    expect(d.added).toEqual([]);
    expect(d.removed.map((s) => s.startMs)).toEqual([5 * H]);
    await expect(engine.handle('labels:replace-spans', { labelSetId, spans: [{ object: null, startMs: 5, endMs: 1, provenance: 'human' }], note: 'x' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(engine.handle('labels:replace-spans', { labelSetId, spans: [], note: '' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });
});

describe('label sets: source and the default set', () => {
  it('lists each set with who made it and defaults to the newest set that is not model flags', async () => {
    const model = await engine.workspace.transaction((tx) => createLabelSet(tx, 'Model flags: cnn', { gapFactor: 0, businessHours: null }, [], { kind: 'create', source: 'model' }));
    const sets = (await engine.handle('labels:list', {})) as LabelSetSummary[];
    expect(sets.map((s) => [s.labelSetId, s.source])).toEqual([
      [labelSetId, 'health-check'],
      [model.labelSetId, 'model'],
    ]);
    // later versions (edits) keep the set's source: it comes from version 1
    expect(sets[0]!.latestVersion).toBeGreaterThan(1);
    expect(defaultLabelSet(sets)?.labelSetId).toBe(labelSetId);
    expect(defaultLabelSet([{ source: 'model' }])).toBeUndefined();
    expect(defaultLabelSet([{ source: 'human' }, { source: 'health-check' }, { source: 'model' }])).toEqual({ source: 'health-check' });
  });
});
