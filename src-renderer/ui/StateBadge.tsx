import type { JobState } from '../../shared/domain/jobs';
import { useT } from './i18n';

/** A job or run state as a small coloured pill. */
export function StateBadge({ state }: { state: JobState }) {
  const t = useT();
  return <span className={`badge badge-${state}`}>{t(`state.${state}`)}</span>;
}
