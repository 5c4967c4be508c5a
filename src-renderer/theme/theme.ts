import { useEffect, useState } from 'react';
import type { UiSettings } from '../../shared/ipc/contract';

export type ThemeSetting = UiSettings['theme'];
export type ResolvedTheme = 'light' | 'dark';

/** 'system' follows the OS; an explicit choice wins (persisted through `settings:set`). */
export function resolveTheme(setting: ThemeSetting, systemDark: boolean): ResolvedTheme {
  if (setting === 'system') return systemDark ? 'dark' : 'light';
  return setting;
}

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Whether the OS prefers dark, kept current. */
export function useSystemDark(): boolean {
  const [dark, setDark] = useState(() => window.matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const mq = window.matchMedia(DARK_QUERY);
    const onChange = () => setDark(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return dark;
}

/** Puts the theme on <html> so the CSS variables in theme.css switch. */
export function applyTheme(theme: ResolvedTheme): void {
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
}

/** Colours that canvas widgets (ECharts, xterm) need as values, read from the CSS variables. */
export interface Palette {
  background: string;
  surface: string;
  text: string;
  muted: string;
  border: string;
  grid: string;
  accent: string;
  danger: string;
  warning: string;
  success: string;
  outage: string;
  /** Label spans drawn by a person, and by a model (health-check spans use `outage`). */
  human: string;
  model: string;
  /** Hours outside the business-hours filter. */
  excluded: string;
  series: string[];
}

/** Reads the palette of the theme currently applied to <html>. */
export function readPalette(): Palette {
  const s = getComputedStyle(document.documentElement);
  const v = (name: string) => s.getPropertyValue(name).trim();
  return {
    background: v('--bg'),
    surface: v('--surface'),
    text: v('--text'),
    muted: v('--text-muted'),
    border: v('--border'),
    grid: v('--chart-grid'),
    accent: v('--accent'),
    danger: v('--danger'),
    warning: v('--warning'),
    success: v('--success'),
    outage: v('--chart-outage'),
    human: v('--chart-human'),
    model: v('--chart-model'),
    excluded: v('--chart-excluded'),
    series: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => v(`--chart-${i}`)),
  };
}

/** The palette, re-read whenever the resolved theme changes. */
export function usePalette(theme: ResolvedTheme): Palette {
  const [palette, setPalette] = useState(readPalette);
  useEffect(() => setPalette(readPalette()), [theme]);
  return palette;
}
