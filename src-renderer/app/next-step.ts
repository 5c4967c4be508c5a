import type { PlainKey } from '../../shared/i18n';
import type { WorkspaceInfo } from '../../shared/ipc/contract';

/**
 * The first thing to do next, from what the workspace really holds (import → label → compare),
 * shown by the empty states of the areas that need earlier steps.
 */
export function nextStep(counts: WorkspaceInfo['counts'] | null): PlainKey {
  if (!counts || counts.seriesRows === 0) return 'next.import';
  if (counts.labelSets === 0) return 'next.label';
  if (counts.runs === 0) return 'next.compare';
  return 'next.ready';
}
