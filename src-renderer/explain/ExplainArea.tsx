import type { WorkspaceInfo } from '../../shared/ipc/contract';
import { EmptyState } from '../ui/EmptyState';
import { useT } from '../ui/i18n';
import { NextStep } from '../ui/NextStep';

/** Explanations arrive with the explain feature; until then, what it will show and what it needs. */
export function ExplainArea({ workspace }: { workspace: WorkspaceInfo | null }) {
  const t = useT();
  return (
    <EmptyState
      icon="explain"
      title={t('explain.empty.title')}
      body={t('explain.empty.body')}
      commands={['vigil compare', 'vigil explain']}
      footer={<NextStep workspace={workspace} />}
      testId="explain-empty"
    />
  );
}
