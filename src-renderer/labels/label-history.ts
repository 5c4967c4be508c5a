import type { LabelEdit, LabelSetVersion } from '../../shared/domain/labels';
import type { RequestOf } from '../../shared/ipc/contract';

/**
 * Redo for the Labels area. The engine keeps every version and undo is itself a new version
 * (`labels:edit` undo); redo re-applies the edit of the version that was undone, as a new edit.
 */
export type RedoOp =
  | { channel: 'labels:edit'; request: RequestOf<'labels:edit'> }
  | { channel: 'labels:set-rules'; request: RequestOf<'labels:set-rules'> }
  | { channel: 'labels:replace-spans'; request: RequestOf<'labels:replace-spans'> };

export function redoOp(undone: LabelSetVersion): RedoOp | null {
  const id = undone.labelSetId;
  const e = undone.edit;
  switch (e.kind) {
    case 'add-span':
      return { channel: 'labels:edit', request: { labelSetId: id, edit: { kind: 'add-span', span: { object: e.span.object, startMs: e.span.startMs, endMs: e.span.endMs, ...(e.span.note ? { note: e.span.note } : {}) } } } };
    case 'remove-span':
      return { channel: 'labels:edit', request: { labelSetId: id, edit: { kind: 'remove-span', spanId: e.spanId } } };
    case 'set-rules':
      return { channel: 'labels:set-rules', request: { labelSetId: id, rules: e.rules } };
    case 'import-csv':
    case 'replace-spans':
      return {
        channel: 'labels:replace-spans',
        request: {
          labelSetId: id,
          note: e.kind === 'import-csv' ? e.file : e.note,
          rules: undone.rules,
          spans: undone.spans.map((s) => ({ object: s.object, startMs: s.startMs, endMs: s.endMs, provenance: s.provenance, ...(s.outageId ? { outageId: s.outageId } : {}), ...(s.note ? { note: s.note } : {}) })),
        },
      };
    case 'create':
    case 'undo':
      return null;
  }
}

/**
 * The redo stack after a version was made: an undo pushes the version it undid; a redo pops;
 * any other edit clears it (a new branch of history).
 */
export function nextRedoStack(stack: readonly number[], made: Pick<LabelSetVersion, 'edit'>, viaRedo: boolean): number[] {
  if (made.edit.kind === 'undo') return [...stack, made.edit.undoneVersion];
  if (viaRedo) return stack.slice(0, -1);
  return [];
}

/** Plain-data description of an edit, for the versions list (the component translates it). */
export function editFacts(e: LabelEdit): { kind: LabelEdit['kind']; detail: string } {
  switch (e.kind) {
    case 'create':
      return { kind: e.kind, detail: e.note ?? e.source };
    case 'add-span':
      return { kind: e.kind, detail: `${e.span.object ?? '*'} ${new Date(e.span.startMs).toISOString().slice(0, 16)}Z +${Math.round((e.span.endMs - e.span.startMs) / 60_000)} min` };
    case 'remove-span':
      return { kind: e.kind, detail: e.spanId.slice(0, 8) };
    case 'undo':
      return { kind: e.kind, detail: `v${e.undoneVersion}` };
    case 'import-csv':
      return { kind: e.kind, detail: `${e.file} (${e.spans})` };
    case 'replace-spans':
      return { kind: e.kind, detail: `${e.note} (${e.spans})` };
    case 'set-rules':
      return {
        kind: e.kind,
        detail: `k=${e.rules.gapFactor}${e.rules.businessHours ? ` ${clock(e.rules.businessHours.startMinute)}–${clock(e.rules.businessHours.endMinute)}${e.rules.businessHours.weekdaysOnly ? ' Mon–Fri' : ''}` : ''}`,
      };
  }
}

function clock(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
