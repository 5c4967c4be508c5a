import { useMemo } from 'react';
import { useTheme } from '../theme/theme-context';
import type { ExplainColors } from './explain-options';

/** The theme colours the Explain option builders need (stable while the theme is). */
export function useExplainColors(): ExplainColors {
  const { palette } = useTheme();
  return useMemo(
    () => ({ text: palette.text, muted: palette.muted, grid: palette.grid, surface: palette.surface, border: palette.border, accent: palette.accent, danger: palette.danger, series: palette.series }),
    [palette],
  );
}
