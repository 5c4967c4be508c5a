import { useCallback, useState } from 'react';
import type { AppInfo, UiSettings } from '../../shared/ipc/contract';
import type { VigilError } from '../../shared/errors';
import { ConsolePanel } from '../console/ConsolePanel';
import { CompareArea } from '../compare/CompareArea';
import { ExplainArea } from '../explain/ExplainArea';
import { ImportArea } from '../import/ImportArea';
import { LabelsArea } from '../labels/LabelsArea';
import { ReportsArea } from '../reports/ReportsArea';
import { TrainingArea } from '../training/TrainingArea';
import { useT } from '../ui/i18n';
import { AREA_LABEL, AREA_SUBTITLE, isAreaId, type AreaId } from './areas';
import { HelpOverlay } from './HelpOverlay';
import { NavigateContext } from './navigation';
import { RecentWorkspaces } from './RecentWorkspaces';
import { NavBar } from './NavBar';
import { isMacPlatform } from './shortcuts';
import { StatusBar } from './StatusBar';
import { TopBar } from './TopBar';
import { useShortcuts } from './use-shortcuts';

const AREA_KEY = 'vigil.area';
const CONSOLE_KEY = 'vigil.consoleOpen';

/** Window layout: top bar, nav, the current area over the console panel, status bar. */
export function Shell({
  info,
  settings,
  onSettings,
  settingsError,
}: {
  info: AppInfo;
  settings: UiSettings;
  onSettings(patch: Partial<UiSettings>): void;
  settingsError: VigilError | null;
}) {
  const t = useT();
  // The keyboard is the browser's, not the engine's (over an SSH tunnel they differ).
  const mac = isMacPlatform(navigator.platform);
  const [area, setAreaState] = useState<AreaId>(() => {
    const saved = sessionStorage.getItem(AREA_KEY);
    return isAreaId(saved) ? saved : 'import';
  });
  const [consoleOpen, setConsoleOpenState] = useState(() => localStorage.getItem(CONSOLE_KEY) !== 'false');
  const [helpOpen, setHelpOpen] = useState(false);
  const [workspaceMenu, setWorkspaceMenu] = useState(false);

  const setArea = useCallback((a: AreaId) => {
    setAreaState(a);
    sessionStorage.setItem(AREA_KEY, a);
  }, []);
  const toggleConsole = useCallback(() => {
    setConsoleOpenState((open) => {
      localStorage.setItem(CONSOLE_KEY, String(!open));
      return !open;
    });
  }, []);

  useShortcuts(mac, (action) => {
    // While the help dialog is open only Esc acts: nothing may change behind a modal.
    if (helpOpen && action.kind !== 'close') return action.kind === 'help';
    switch (action.kind) {
      case 'area':
        setArea(action.area);
        return true;
      case 'toggle-console':
        toggleConsole();
        return true;
      case 'help':
        setHelpOpen(true);
        return true;
      case 'workspaces':
        setWorkspaceMenu((o) => !o);
        return true;
      case 'close':
        if (!helpOpen) return false;
        setHelpOpen(false);
        return true;
    }
  });

  const workspace = info.workspace;
  return (
    <div className="shell" data-testid="shell">
      <a className="skip-link" href="#area-main">
        {t(AREA_LABEL[area])}
      </a>
      <TopBar info={info} settings={settings} onSettings={onSettings} settingsError={settingsError} onHelp={() => setHelpOpen(true)} workspaceMenu={workspaceMenu} onWorkspaceMenu={setWorkspaceMenu} mac={mac} />
      <div className="shell-body">
        <NavBar current={area} onSelect={setArea} mac={mac} counts={workspace?.counts ?? null} />
        <div className="workbench">
          <main id="area-main" className="area" aria-labelledby="area-title" data-testid={`area-${area}`} tabIndex={-1}>
            <header className="area-header">
              <h1 id="area-title" className="area-title">
                {t(AREA_LABEL[area])}
              </h1>
              <p className="area-subtitle">{t(AREA_SUBTITLE[area])}</p>
            </header>
            <div className="area-content">
              <NavigateContext.Provider value={setArea}>
                {area === 'import' && isEmpty(workspace) && (
                  <RecentWorkspaces current={workspace?.path ?? null} exclude hint={t('workspaces.emptyHint')} testId="recent-workspaces-empty" />
                )}
                {area === 'import' && <ImportArea />}
                {area === 'labels' && <LabelsArea />}
                {area === 'training' && <TrainingArea />}
                {area === 'compare' && <CompareArea />}
                {area === 'explain' && <ExplainArea workspace={workspace} />}
                {area === 'reports' && <ReportsArea workspace={workspace} />}
              </NavigateContext.Provider>
            </div>
          </main>
          <ConsolePanel open={consoleOpen} onToggle={toggleConsole} mac={mac} />
        </div>
      </div>
      <StatusBar info={info} consoleOpen={consoleOpen} onToggleConsole={toggleConsole} mac={mac} />
      {helpOpen && <HelpOverlay mac={mac} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

/** No workspace, or one with nothing in it yet: the place to offer the recent ones. */
function isEmpty(w: AppInfo['workspace']): boolean {
  return !w || Object.values(w.counts).every((n) => n === 0);
}
