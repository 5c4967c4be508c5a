import { useMemo } from 'react';
import { ROBUSTNESS_METRICS, type RobustnessCurve } from '../../shared/domain/models';
import { useT } from '../ui/i18n';
import { RunChart, useRunChartColors } from './RunChart';
import { robustnessOption } from './robustness-charts';

/** A run's robustness curves (issue #5 item 5): per curve, one exportable line chart per metric. */
export function RobustnessSection({ curves }: { curves: readonly RobustnessCurve[] }) {
  const t = useT();
  const colors = useRunChartColors();
  const charts = useMemo(
    () =>
      curves.map((c) => ({
        curve: c,
        options: ROBUSTNESS_METRICS.map((m) => ({ metric: m, option: robustnessOption(c, m, { x: t(`compare.robust.axis.${c.kind}`), y: t(`compare.robust.metric.${m}`) }, colors) })),
      })),
    [curves, t, colors],
  );
  if (curves.length === 0) return null;
  return (
    <section className="robustness" data-testid="robustness">
      <h3 className="split-title">{t('compare.robust.title')}</h3>
      {charts.map(({ curve, options }) => (
        <div key={curve.kind} className="robustness-curve" data-testid={`robust-${curve.kind}`}>
          <h4 className="split-title">
            {t(`compare.robust.kind.${curve.kind}`)} <span className="muted">· {t('compare.robust.setting', { setting: curve.setting })}</span>
          </h4>
          <div className="chart-pair">
            {options.map(({ metric, option }) => (
              <RunChart key={metric} title={`${t(`compare.robust.kind.${curve.kind}`)} — ${t(`compare.robust.metric.${metric}`)}`} option={option} height={240} testId={`chart-robust-${curve.kind}-${metric}`} fileName={`robustness ${curve.kind} ${metric}`} />
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}
