import { useMemo } from 'react';
import type { WindowExplanation } from '../../shared/domain/explain';
import { compactNumber, formatDateTime } from '../ui/format';
import { useT } from '../ui/i18n';
import { SegmentedControl } from '../ui/SegmentedControl';
import { useExplainColors } from './colors';
import { ExplainChart } from './ExplainChart';
import { counterTimeMaps, formatValue, gridHeatmapOption, mapKey, mapOf, rawLinesHeight, rawLinesOption, temporalOption, timeLabels } from './explain-options';

/**
 * One explained window: its scaled values as a counters × time heatmap beside the raw counter
 * lines, the chosen method's map on the same grid (method switch), and the attention maps
 * (counter × counter A, temporal α) when the model has them. Hover a cell: counter, time, value.
 */
export function WindowView({ e, method, onMethod }: { e: WindowExplanation; method: string | null; onMethod(key: string): void }) {
  const t = useT();
  const colors = useExplainColors();
  const F = e.counters.length;
  const cols = useMemo(() => timeLabels(e.times), [e.times]);
  const grid = counterTimeMaps(e.maps);
  const current = grid.find((m) => mapKey(m) === method) ?? grid[0] ?? null;
  const adjacency = mapOf(e.maps, 'adjacency');
  const temporal = mapOf(e.maps, 'temporal');
  const heatHeight = Math.max(160, F * 22 + 40);
  const cellText = (row: string, col: string, v: number, raw: number | null) => `${t('explain.tooltip.cell', { counter: row, time: col, value: formatValue(v) })}${raw === null ? '' : ` · ${t('explain.tooltip.raw', { value: compactNumber(raw) })}`}`;
  const slug = `${e.model}-window-${e.window.windowIndex}`;

  const values = useMemo(() => gridHeatmapOption({ rows: e.counters, cols, values: e.scaled, raw: e.raw, colors, cellText }), [e, cols, colors, t]);
  const raw = useMemo(() => rawLinesOption(e.counters, e.times, e.raw, colors), [e, colors]);
  const mapOption = useMemo(() => (current ? gridHeatmapOption({ rows: e.counters, cols, values: current.values, raw: e.raw, colors, cellText }) : null), [current, e, cols, colors, t]);
  const adjOption = useMemo(
    () => (adjacency ? gridHeatmapOption({ rows: e.counters, cols: e.counters, values: adjacency.values, colors, cellText: (r, c, v) => `${r} → ${c}: ${formatValue(v)}` }) : null),
    [adjacency, e.counters, colors],
  );
  const temporalOpt = useMemo(() => (temporal ? temporalOption(temporal, e.times, colors) : null), [temporal, e.times, colors]);

  return (
    <div className="explain-window" data-testid="explain-window" data-window-index={e.window.windowIndex} data-counters={e.counters.join('|')}>
      <p className="explain-meta" data-testid="explain-window-meta">
        {t('explain.window.meta', {
          object: e.window.object,
          end: formatDateTime(e.window.endMs),
          fold: e.fold,
          label: e.label,
          score: formatValue(e.score),
          threshold: e.threshold === null ? '' : t('explain.window.threshold', { value: formatValue(e.threshold) }),
        })}
      </p>
      <div className="explain-pair">
        <ExplainChart title={t('explain.values.title')} option={values} height={heatHeight} testId="explain-values" fileName={`${slug}-values`} />
        <ExplainChart title={t('explain.raw.title')} option={raw} height={rawLinesHeight(F)} testId="explain-raw" fileName={`${slug}-raw`} />
      </div>
      {grid.length > 0 && current && mapOption ? (
        <>
          <div className="explain-method">
            <SegmentedControl
              label={t('explain.method.label')}
              value={mapKey(current)}
              testId="explain-method"
              onChange={onMethod}
              segments={grid.map((m) => ({ value: mapKey(m), label: methodName(t, m.method, m.layer), content: methodName(t, m.method, m.layer) }))}
            />
          </div>
          <ExplainChart title={t('explain.map.title', { method: methodName(t, current.method, current.layer) })} option={mapOption} height={heatHeight} testId="explain-map" fileName={`${slug}-${mapKey(current)}`} />
        </>
      ) : (
        !adjacency && !temporal && <p className="muted" data-testid="explain-no-maps">{t('explain.noMaps')}</p>
      )}
      {(adjOption || temporalOpt) && (
        <div className="explain-pair">
          {adjOption && <ExplainChart title={t('explain.adjacency.title')} option={adjOption} height={Math.max(200, F * 22 + 40)} testId="explain-adjacency" fileName={`${slug}-adjacency`} />}
          {temporalOpt && <ExplainChart title={t('explain.temporal.title')} option={temporalOpt} height={200} testId="explain-temporal" fileName={`${slug}-temporal`} />}
        </div>
      )}
    </div>
  );
}

type T = ReturnType<typeof useT>;

export function methodName(t: T, method: string, layer: string | null): string {
  const known = ['activation', 'gradcam', 'saliency', 'occlusion', 'adjacency', 'temporal'] as const;
  const base = (known as readonly string[]).includes(method) ? t(`explain.method.${method as (typeof known)[number]}`) : method;
  return layer ? `${base} · ${layer}` : base;
}
