import type { AppInfo } from '../../shared/ipc/contract';
import { Icon } from '../ui/Icon';
import { useT } from '../ui/i18n';
import { describeBinding } from './shortcuts';

/** Version, platform and cores on the left; the console toggle on the right. */
export function StatusBar({ info, consoleOpen, onToggleConsole, mac }: { info: AppInfo; consoleOpen: boolean; onToggleConsole(): void; mac: boolean }) {
  const t = useT();
  const toggleLabel = consoleOpen ? t('console.hide') : t('console.show');
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span className="status-item">{t('status.version', { version: info.version })}</span>
      <span className="status-item">
        {info.platform} · {t('status.cores', { cores: info.cores })}
      </span>
      {info.workspace && <span className="status-item">{t('status.schema', { version: info.workspace.schemaVersion })}</span>}
      <span className="status-spacer" />
      <button
        type="button"
        className={consoleOpen ? 'status-btn active' : 'status-btn'}
        onClick={onToggleConsole}
        aria-pressed={consoleOpen}
        aria-controls="console-panel"
        aria-keyshortcuts="Control+`"
        title={`${toggleLabel} (${describeBinding('console', mac)})`}
        data-testid="console-toggle"
      >
        <Icon name="terminal" size={14} />
        {t('console.title')}
      </button>
    </footer>
  );
}
