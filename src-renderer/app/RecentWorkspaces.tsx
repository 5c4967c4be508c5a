import { useState } from 'react';
import type { RecentWorkspace } from '../../shared/ipc/contract';
import type { VigilError } from '../../shared/errors';
import { toVigilError, useApi, useRequest } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDateTime, middleEllipsis } from '../ui/format';
import { Icon } from '../ui/Icon';
import { useT } from '../ui/i18n';

/**
 * The recent workspaces (user settings, `workspace:recent`): path, when last opened, "missing"
 * when its folder no longer holds a workspace. A click opens one (`workspace:open`, never
 * creating: a missing one reports why); a missing one can be removed from the list.
 */
export function RecentWorkspaces({ current, onOpened, exclude = false, hint, testId = 'recent-workspaces' }: { current: string | null; onOpened?: () => void; exclude?: boolean; hint?: string; testId?: string }) {
  const t = useT();
  const api = useApi();
  const recent = useRequest('workspace:recent', {}, { refetchOn: ['workspace'] });
  const [error, setError] = useState<VigilError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const open = (path: string) => {
    setBusy(path);
    setError(null);
    api.invoke('workspace:open', { path, create: false }).then(
      () => {
        setBusy(null);
        onOpened?.();
      },
      (e: unknown) => {
        setBusy(null);
        setError(toVigilError(e));
      },
    );
  };
  const forget = (path: string) => {
    api.invoke('workspace:forget', { path }).then(() => recent.reload(), (e: unknown) => setError(toVigilError(e)));
  };
  const list: RecentWorkspace[] = (recent.data ?? []).filter((w) => !exclude || w.path !== current);
  if (exclude && list.length === 0) return null;
  return (
    <div className="recent-workspaces" data-testid={testId}>
      {hint && <p className="muted recent-hint">{hint}</p>}
      {error && <ErrorNotice title={t('common.errorTitle', { what: t('workspaces.recent') })} error={error} />}
      {recent.data && list.length === 0 ? (
        <p className="muted">{t('workspaces.none')}</p>
      ) : (
        <ul className="recent-list">
          {list.map((w) => (
            <li key={w.path} className={w.missing ? 'recent-item missing' : 'recent-item'} data-testid="recent-workspace" data-path={w.path} data-missing={w.missing}>
              <button type="button" className="recent-open" onClick={() => open(w.path)} disabled={busy !== null || w.path === current} title={w.missing ? t('workspaces.missingHint') : w.path} aria-current={w.path === current ? 'true' : undefined}>
                <Icon name="folder" size={14} />
                <span className="recent-path mono">{middleEllipsis(w.path, 64)}</span>
                <span className="recent-time muted">{w.lastOpenedMs > 0 ? t('workspaces.opened', { time: formatDateTime(w.lastOpenedMs) }) : t('workspaces.openedUnknown')}</span>
                {w.path === current && <span className="tag">{t('workspaces.current')}</span>}
                {w.missing && <span className="tag tag-missing">{t('workspaces.missing')}</span>}
              </button>
              {w.path !== current && (
                <button type="button" className="icon-btn recent-forget" onClick={() => forget(w.path)} aria-label={`${t('workspaces.forget')}: ${w.path}`} title={t('workspaces.forget')} data-testid="recent-forget">
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
