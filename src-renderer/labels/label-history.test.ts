import { describe, expect, it } from 'vitest';
import type { LabelSetVersion } from '../../shared/domain/labels';
import { editFacts, nextRedoStack, redoOp } from './label-history';

const v = (edit: LabelSetVersion['edit'], spans: LabelSetVersion['spans'] = []): LabelSetVersion => ({
  labelSetId: 'L',
  version: 2,
  parentVersion: 1,
  createdAtMs: 0,
  edit,
  rules: { gapFactor: 3, businessHours: null },
  spans,
});

describe('redoOp', () => {
  it('re-applies an added span as a new add (the engine mints a new id)', () => {
    expect(redoOp(v({ kind: 'add-span', span: { id: 'x', object: '/a', startMs: 1, endMs: 2, provenance: 'human' } }))).toEqual({
      channel: 'labels:edit',
      request: { labelSetId: 'L', edit: { kind: 'add-span', span: { object: '/a', startMs: 1, endMs: 2 } } },
    });
  });
  it('re-applies removals, rules and replacements; nothing for create or undo', () => {
    expect(redoOp(v({ kind: 'remove-span', spanId: 's' }))?.request).toEqual({ labelSetId: 'L', edit: { kind: 'remove-span', spanId: 's' } });
    expect(redoOp(v({ kind: 'set-rules', rules: { gapFactor: 4, businessHours: null } }))?.channel).toBe('labels:set-rules');
    const r = redoOp(v({ kind: 'replace-spans', note: 'k = 4', spans: 1 }, [{ id: 'q', object: null, startMs: 1, endMs: 2, provenance: 'health-check', outageId: 'o' }]));
    expect(r).toEqual({
      channel: 'labels:replace-spans',
      request: { labelSetId: 'L', note: 'k = 4', rules: { gapFactor: 3, businessHours: null }, spans: [{ object: null, startMs: 1, endMs: 2, provenance: 'health-check', outageId: 'o' }] },
    });
    expect(redoOp(v({ kind: 'create', source: 'health-check' }))).toBeNull();
    expect(redoOp(v({ kind: 'undo', undoneVersion: 1 }))).toBeNull();
  });
});

describe('nextRedoStack', () => {
  it('pushes on undo, pops on redo, clears on a new edit', () => {
    expect(nextRedoStack([], { edit: { kind: 'undo', undoneVersion: 5 } }, false)).toEqual([5]);
    expect(nextRedoStack([5, 3], { edit: { kind: 'remove-span', spanId: 's' } }, true)).toEqual([5]);
    expect(nextRedoStack([5, 3], { edit: { kind: 'remove-span', spanId: 's' } }, false)).toEqual([]);
  });
});

describe('editFacts', () => {
  it('summarises each edit kind', () => {
    expect(editFacts({ kind: 'undo', undoneVersion: 3 })).toEqual({ kind: 'undo', detail: 'v3' });
    expect(editFacts({ kind: 'set-rules', rules: { gapFactor: 3, businessHours: { startMinute: 420, endMinute: 1200, weekdaysOnly: true, utcOffsetMinutes: 540 } } }).detail).toBe('k=3 07:00–20:00 Mon–Fri');
  });
});
