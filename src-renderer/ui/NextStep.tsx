import type { WorkspaceInfo } from '../../shared/ipc/contract';
import { nextStep } from '../app/next-step';
import { useT } from './i18n';

/** "What to do first", from what the workspace holds. */
export function NextStep({ workspace }: { workspace: WorkspaceInfo | null }) {
  const t = useT();
  return (
    <p className="next-step" data-testid="next-step">
      <span className="next-step-label">{t('common.nextStep')}</span>
      {t(nextStep(workspace?.counts ?? null))}
    </p>
  );
}
