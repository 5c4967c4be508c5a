import { createContext, useContext } from 'react';
import type { Palette, ResolvedTheme } from './theme';

export interface ThemeState {
  resolved: ResolvedTheme;
  palette: Palette;
}

export const ThemeContext = createContext<ThemeState | null>(null);

/** The applied theme and its palette, for canvas widgets (ECharts, xterm). */
export function useTheme(): ThemeState {
  const t = useContext(ThemeContext);
  if (!t) throw new Error('useTheme() outside <ThemeContext.Provider>');
  return t;
}
