import type { PlainKey } from '../../shared/i18n';

/** The six work areas, in nav order; Ctrl/Cmd + (index + 1) opens each. */
export const AREAS = ['import', 'labels', 'training', 'compare', 'explain', 'reports'] as const;
export type AreaId = (typeof AREAS)[number];

export function isAreaId(x: unknown): x is AreaId {
  return typeof x === 'string' && (AREAS as readonly string[]).includes(x);
}

export const AREA_LABEL: { readonly [A in AreaId]: PlainKey } = {
  import: 'area.import',
  labels: 'area.labels',
  training: 'area.training',
  compare: 'area.compare',
  explain: 'area.explain',
  reports: 'area.reports',
};

export const AREA_SUBTITLE: { readonly [A in AreaId]: PlainKey } = {
  import: 'area.import.subtitle',
  labels: 'area.labels.subtitle',
  training: 'area.training.subtitle',
  compare: 'area.compare.subtitle',
  explain: 'area.explain.subtitle',
  reports: 'area.reports.subtitle',
};
