import type { AppInfo, UiSettings } from '../../shared/ipc/contract';
import type { VigilError } from '../../shared/errors';
import { Icon } from '../ui/Icon';
import { SegmentedControl } from '../ui/SegmentedControl';
import { useConnectionState } from '../ipc';
import { useT } from '../ui/i18n';
import { WorkspaceMenu } from './WorkspaceMenu';

/** Brand, workspace menu (path, recent workspaces), transport, theme and language switches, help. */
export function TopBar({
  info,
  settings,
  onSettings,
  settingsError,
  onHelp,
  workspaceMenu,
  onWorkspaceMenu,
  mac,
}: {
  info: AppInfo;
  settings: UiSettings;
  onSettings(patch: Partial<UiSettings>): void;
  settingsError: VigilError | null;
  onHelp(): void;
  /** Whether the workspaces menu is open (Ctrl/Cmd+O toggles it from the shell). */
  workspaceMenu: boolean;
  onWorkspaceMenu(open: boolean): void;
  mac: boolean;
}) {
  const t = useT();
  const path = info.workspace?.path ?? null;
  const connection = useConnectionState();
  return (
    <header className="topbar" data-testid="topbar">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <path d="M1.5 10h4l2-5 3.5 10 2.5-6.5 1.5 1.5h3.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span className="brand-name">{t('app.title')}</span>
      </div>
      <WorkspaceMenu path={path} open={workspaceMenu} onOpenChange={onWorkspaceMenu} mac={mac} />
      <div className="topbar-spacer" />
      {settingsError && (
        <span className="topbar-error" role="alert">
          {t('settings.saveFailed', { message: settingsError.message })}
        </span>
      )}
      <span
        className={`transport-pill connection-${connection}`}
        data-testid="transport"
        data-transport={info.transport}
        data-connection={connection}
        title={`${t('topbar.transport')}: ${t(`transport.${info.transport}`)} · ${t(`connection.${connection}`)}`}
      >
        <span className="dot" aria-hidden="true" />
        {t(`transport.${info.transport}`)}
        {connection !== 'open' && <span role="status">· {t(`connection.${connection}`)}</span>}
      </span>
      <SegmentedControl
        label={t('theme.label')}
        value={settings.theme}
        testId="theme"
        onChange={(theme) => onSettings({ theme })}
        segments={[
          { value: 'system', label: t('theme.system'), content: <Icon name="system" size={14} /> },
          { value: 'light', label: t('theme.light'), content: <Icon name="sun" size={14} /> },
          { value: 'dark', label: t('theme.dark'), content: <Icon name="moon" size={14} /> },
        ]}
      />
      <SegmentedControl
        label={t('locale.label')}
        value={settings.locale}
        testId="locale"
        onChange={(locale) => onSettings({ locale })}
        segments={[
          { value: 'en', label: 'English', content: 'EN' },
          { value: 'ko', label: '한국어', content: 'KO' },
        ]}
      />
      <button type="button" className="icon-btn" onClick={onHelp} aria-label={t('help.open')} title={`${t('help.open')} (?)`} aria-keyshortcuts="?" data-testid="help-button">
        <Icon name="help" />
      </button>
    </header>
  );
}
