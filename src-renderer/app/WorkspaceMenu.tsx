import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { VigilError } from '../../shared/errors';
import { toVigilError, useApi } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { middleEllipsis } from '../ui/format';
import { Icon } from '../ui/Icon';
import { useT } from '../ui/i18n';
import { RecentWorkspaces } from './RecentWorkspaces';
import { describeBinding } from './shortcuts';

/**
 * The top bar's workspace button and its menu: the recent workspaces (click to open) and a path
 * field to open or create another folder — the same in Electron and in the browser (`vigil serve`
 * has no folder dialog). Ctrl/Cmd+O toggles it (Shell), Esc or a click outside closes it.
 */
export function WorkspaceMenu({ path, open, onOpenChange, mac }: { path: string | null; open: boolean; onOpenChange(open: boolean): void; mac: boolean }) {
  const t = useT();
  const api = useApi();
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<VigilError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return undefined;
    setError(null);
    const first = box.current?.querySelector<HTMLButtonElement>('.recent-open:not([disabled])');
    (first ?? input.current)?.focus();
    const onDown = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) onOpenChange(false);
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [open, onOpenChange]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = typed.trim();
    if (!p) return;
    setBusy(true);
    setError(null);
    api.invoke('workspace:open', { path: p, create: true }).then(
      () => {
        setBusy(false);
        setTyped('');
        onOpenChange(false);
      },
      (err: unknown) => {
        setBusy(false);
        setError(toVigilError(err));
      },
    );
  };

  return (
    <div className="workspace-menu" ref={box}>
      <button
        type="button"
        className="topbar-workspace"
        title={path ?? undefined}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-keyshortcuts={mac ? 'Meta+O' : 'Control+O'}
        onClick={() => onOpenChange(!open)}
        data-testid="workspace-menu-button"
      >
        <Icon name="folder" size={14} />
        <span className="sr-only">{t('topbar.workspace')}: </span>
        <span className={path ? 'workspace-path mono' : 'workspace-path muted'} data-testid="workspace-path">
          {path ? middleEllipsis(path, 72) : t('topbar.noWorkspace')}
        </span>
      </button>
      {open && (
        <div
          className="workspace-popover"
          role="dialog"
          aria-label={t('workspaces.menu')}
          data-testid="workspace-menu"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              onOpenChange(false);
            }
          }}
        >
          <div className="popover-title">
            {t('workspaces.recent')} <span className="muted">· {t('workspaces.shortcut', { key: describeBinding('workspaces', mac) })}</span>
          </div>
          <RecentWorkspaces current={path} onOpened={() => onOpenChange(false)} />
          <form className="workspace-open-form" onSubmit={submit}>
            <label htmlFor="workspace-open-path">{t('workspaces.openPath')}</label>
            <div className="row">
              <input id="workspace-open-path" ref={input} className="mono" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('workspaces.pathPlaceholder')} spellCheck={false} data-testid="workspace-open-path" />
              <button type="submit" className="btn btn-primary" disabled={busy || typed.trim() === ''} data-testid="workspace-open-submit">
                {t('workspaces.open')}
              </button>
            </div>
          </form>
          {error && <ErrorNotice title={t('common.errorTitle', { what: t('workspaces.menu') })} error={error} />}
        </div>
      )}
    </div>
  );
}
