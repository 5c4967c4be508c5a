import type { WorkspaceInfo } from '../../shared/ipc/contract';
import { EmptyState } from '../ui/EmptyState';
import { useT } from '../ui/i18n';
import { NextStep } from '../ui/NextStep';

/** Reports arrive with the report feature; until then, what a report holds and what it needs. */
export function ReportsArea({ workspace }: { workspace: WorkspaceInfo | null }) {
  const t = useT();
  return (
    <EmptyState
      icon="reports"
      title={t('reports.empty.title')}
      body={t('reports.empty.body')}
      commands={['vigil report']}
      footer={<NextStep workspace={workspace} />}
      testId="reports-empty"
    />
  );
}
