import { modelLabel } from '../../shared/domain/models';
import { useMemo, useState } from 'react';
import type { RunGroup } from '../../shared/domain/runs';
import { useRequest } from '../ipc';
import { useT } from '../ui/i18n';
import { RequestView } from '../ui/RequestView';
import { formatPercent } from '../ui/format';
import { RunChart, useRunChartColors } from './RunChart';
import { thresholdOption } from './run-charts';
import { evaluateThreshold, prepareThreshold, sliderToQ, sweepThreshold } from './threshold';

/** Alerts/day against outages caught for one model of one setting, from its stored predictions. */
export function ThresholdPanel({ runId, group }: { runId: string; group: RunGroup }) {
  const t = useT();
  const colors = useRunChartColors();
  const [model, setModel] = useState(group.rows[0]?.model ?? '');
  const [pos, setPos] = useState(50);
  const current = group.rows.some((r) => r.model === model) ? model : (group.rows[0]?.model ?? '');
  const preds = useRequest('runs:predictions', current ? { runId, model: current, setting: group.setting } : null, { refetchOn: 'never' });
  const prepared = useMemo(() => (preds.data ? prepareThreshold(preds.data) : null), [preds.data]);
  const sweep = useMemo(() => (prepared ? sweepThreshold(prepared) : []), [prepared]);
  const q = sliderToQ(pos);
  const point = useMemo(() => (prepared ? evaluateThreshold(prepared, q) : null), [prepared, q]);
  const option = useMemo(
    () => thresholdOption(sweep, point, { x: t('compare.threshold.alertsAxis'), y: t('compare.threshold.caughtAxis') }, colors),
    [sweep, point, t, colors],
  );
  return (
    <div className="threshold-panel" data-testid="threshold-panel">
      <div className="toolbar">
        <label className="field-inline">
          {t('compare.threshold.model')}
          <select value={current} onChange={(e) => setModel(e.target.value)} data-testid="threshold-model">
            {group.rows.map((r) => (
              <option key={r.model} value={r.model}>
                {modelLabel(r.model)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline threshold-slider">
          {t('compare.threshold.slider', { pct: formatPercent(q, q < 0.01 ? 2 : 1) })}
          <input type="range" min={0} max={100} step={1} value={pos} onChange={(e) => setPos(Number(e.target.value))} data-testid="threshold-slider" />
        </label>
      </div>
      <RequestView state={preds} what={t('compare.threshold.what')}>
        {(p) =>
          p.endMs.length === 0 || !point ? (
            <p className="muted">{t('compare.threshold.empty')}</p>
          ) : (
            <>
              <p className="threshold-summary" role="status" data-testid="threshold-summary">
                {t('compare.threshold.summary', {
                  alerts: point.alertsPerDay === null ? t('common.none') : point.alertsPerDay.toFixed(1),
                  caught: point.caught,
                  outages: point.outages,
                })}
              </p>
              <RunChart title={t('compare.threshold.curve')} option={option} height={240} testId="chart-threshold" fileName={`threshold ${group.setting} ${current}`} />
            </>
          )
        }
      </RequestView>
      <p className="field-note muted">{t('compare.threshold.note')}</p>
    </div>
  );
}
