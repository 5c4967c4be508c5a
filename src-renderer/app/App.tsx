import { useCallback, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import type { UiSettings, VigilApi } from '../../shared/ipc/contract';
import { localeFromTag } from '../../shared/i18n';
import type { VigilError } from '../../shared/errors';
import { ApiContext, toVigilError, useApi, useRequest } from '../ipc';
import { applyTheme, resolveTheme, usePalette, useSystemDark } from '../theme/theme';
import { ThemeContext } from '../theme/theme-context';
import { LocaleContext } from '../ui/i18n';
import { Shell } from './Shell';
import { Splash } from './Splash';

/**
 * The root: resolves the engine handle, asks `app:info`, applies theme and language, and marks
 * the root element `data-app-state="loading" | "ready" | "error"` (the e2e readiness signal).
 */
export function App({ api }: { api: VigilApi | VigilError }) {
  if (!isApi(api)) {
    return (
      <Chrome settings={null}>
        <div className="app" data-app-state="error" data-testid="app-root">
          <Splash kind="error" error={api} />
        </div>
      </Chrome>
    );
  }
  return (
    <ApiContext.Provider value={api}>
      <Engine />
    </ApiContext.Provider>
  );
}

function isApi(x: VigilApi | VigilError): x is VigilApi {
  return typeof (x as VigilApi).invoke === 'function';
}

function Engine() {
  const api = useApi();
  const info = useRequest('app:info', {});
  // What the user picked this session; the engine's answer to `settings:set` replaces it.
  const [chosen, setChosen] = useState<UiSettings | null>(null);
  const [settingsError, setSettingsError] = useState<VigilError | null>(null);
  const settings = chosen ?? info.data?.settings ?? null;

  const changeSettings = useCallback(
    (patch: Partial<UiSettings>) => {
      const base = chosen ?? info.data?.settings ?? defaultSettings();
      setChosen({ ...base, ...patch });
      setSettingsError(null);
      api.invoke('settings:set', patch).then(
        (saved) => setChosen(saved),
        (e: unknown) => {
          setChosen(base);
          setSettingsError(toVigilError(e));
        },
      );
    },
    [api, chosen, info.data],
  );

  const state = info.data ? 'ready' : info.error ? 'error' : 'loading';
  return (
    <Chrome settings={settings}>
      <div className="app" data-app-state={state} data-testid="app-root" aria-busy={state === 'loading'}>
        {info.data ? (
          <Shell info={info.data} settings={settings ?? info.data.settings} onSettings={changeSettings} settingsError={settingsError} />
        ) : info.error ? (
          <Splash kind="error" error={info.error} onRetry={info.reload} />
        ) : (
          <Splash kind="loading" />
        )}
      </div>
    </Chrome>
  );
}

function defaultSettings(): UiSettings {
  return { theme: 'system', locale: localeFromTag(navigator.language) };
}

/** Theme and locale providers; before the engine answers, the system theme and browser language. */
function Chrome({ settings, children }: { settings: UiSettings | null; children: ReactNode }) {
  const effective = settings ?? defaultSettings();
  const systemDark = useSystemDark();
  const resolved = resolveTheme(effective.theme, systemDark);
  // Layout effect: the CSS variables must switch before any child effect reads the palette.
  useLayoutEffect(() => applyTheme(resolved), [resolved]);
  useLayoutEffect(() => {
    document.documentElement.lang = effective.locale;
  }, [effective.locale]);
  const palette = usePalette(resolved);
  const theme = useMemo(() => ({ resolved, palette }), [resolved, palette]);
  return (
    <LocaleContext.Provider value={effective.locale}>
      <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>
    </LocaleContext.Provider>
  );
}
