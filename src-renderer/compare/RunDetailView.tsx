import { useMemo, useState } from 'react';
import type { RunDetail, RunGroup } from '../../shared/domain/runs';
import type { PlainKey } from '../../shared/i18n';
import { formatDateTime, shortId } from '../ui/format';
import { useT, type Translate } from '../ui/i18n';
import { SegmentedControl } from '../ui/SegmentedControl';
import { StateBadge } from '../ui/StateBadge';
import { ConfusionGrid } from './ConfusionGrid';
import { ModelTable } from './ModelTable';
import { RunChart, useRunChartColors } from './RunChart';
import { curvesOption, leadTimeOption } from './run-charts';
import { ThresholdPanel } from './ThresholdPanel';
import { RobustnessSection } from './RobustnessSection';
import { modelLabel } from '../../shared/domain/models';

const SPLIT_KEY: Record<string, PlainKey> = { blocked: 'compare.split.blocked', kfold: 'compare.split.kfold' };
const SAMPLING_KEY: Record<string, PlainKey> = { full: 'compare.sampling.full', ns: 'compare.sampling.ns', paper: 'compare.sampling.paper' };

export function splitLabel(split: string, t: Translate): string {
  const k = SPLIT_KEY[split];
  return k ? t(k) : split;
}
export function samplingLabel(sampling: string, t: Translate): string {
  const k = SAMPLING_KEY[sampling];
  return k ? t(k) : sampling;
}

/** Groups of one sampling setting, blocked first (the honest one), then random k-fold. */
export function groupsOfSampling(groups: readonly RunGroup[], sampling: string): RunGroup[] {
  const rank = (s: string) => (s === 'blocked' ? 0 : s === 'kfold' ? 1 : 2);
  return groups.filter((g) => g.sampling === sampling).sort((a, b) => rank(a.split) - rank(b.split));
}

/** One stored comparison: provenance, the model tables (blocked and k-fold together), curves, confusion, lead times, threshold. */
export function RunDetailView({ run }: { run: RunDetail }) {
  const t = useT();
  const colors = useRunChartColors();
  const samplings = useMemo(() => [...new Set(run.groups.map((g) => g.sampling))].sort((a, b) => ['full', 'ns', 'paper'].indexOf(a) - ['full', 'ns', 'paper'].indexOf(b)), [run.groups]);
  const [samplingChoice, setSampling] = useState<string | null>(null);
  const sampling = samplingChoice !== null && samplings.includes(samplingChoice) ? samplingChoice : (samplings[0] ?? '');
  const groups = groupsOfSampling(run.groups, sampling);
  const [splitChoice, setSplit] = useState<string | null>(null);
  const chartGroup = groups.find((g) => g.split === splitChoice) ?? groups[0];

  const s = run.settings as { models?: string[]; folds?: number; epochs?: number; batchSize?: number; windows?: { mode?: string; W?: number } };
  const rocOpt = useMemo(() => (chartGroup ? curvesOption(chartGroup.rows.map((r) => ({ name: modelLabel(r.model), points: r.roc })), { x: t('compare.axis.fpr'), y: t('compare.axis.tpr') }, colors, true) : null), [chartGroup, t, colors]);
  const prOpt = useMemo(() => (chartGroup ? curvesOption(chartGroup.rows.map((r) => ({ name: modelLabel(r.model), points: r.pr })), { x: t('compare.axis.recall'), y: t('compare.axis.precision') }, colors, false) : null), [chartGroup, t, colors]);
  const leadOpt = useMemo(() => (chartGroup ? leadTimeOption(chartGroup.rows, { x: t('compare.lead.axis'), y: t('compare.lead.count') }, colors) : null), [chartGroup, t, colors]);
  const anyLead = chartGroup?.rows.some((r) => r.leadTimes.some((f) => f.minutes.length > 0)) ?? false;

  return (
    <div className="run-detail" data-testid="run-detail" data-run-id={run.id}>
      <dl className="run-meta">
        <div>
          <dt>{t('compare.col.state')}</dt>
          <dd>
            <StateBadge state={run.state} />
          </dd>
        </div>
        <div>
          <dt>{t('compare.col.created')}</dt>
          <dd className="mono">{formatDateTime(run.createdAtMs)}</dd>
        </div>
        <div>
          <dt>{t('compare.meta.labels')}</dt>
          <dd className="mono" title={run.labelSetId ?? undefined}>
            {run.labelSetId ? `${shortId(run.labelSetId)}${run.labelVersion !== null ? ` v${run.labelVersion}` : ''}` : t('common.none')}
          </dd>
        </div>
        <div>
          <dt>{t('compare.meta.dataHash')}</dt>
          <dd className="mono" title={run.dataHash ?? undefined}>
            {run.dataHash ? shortId(run.dataHash) : t('common.none')}
          </dd>
        </div>
        <div>
          <dt>{t('compare.meta.seed')}</dt>
          <dd className="mono">{run.seed ?? t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('compare.meta.backend')}</dt>
          <dd title={run.backend?.skipped.map((k) => `${k.name}: ${k.reason}`).join('\n') || undefined}>{run.backend ? `${run.backend.name} · ${run.backend.device}` : t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('compare.meta.settings')}</dt>
          <dd className="mono">
            {[(s.models ?? []).map(modelLabel).join(', '), s.folds !== undefined ? `K=${s.folds}` : '', s.epochs !== undefined ? t('compare.meta.epochs', { epochs: s.epochs, batch: s.batchSize ?? '' }) : '', s.windows?.mode ? `${s.windows.mode} W=${s.windows.W ?? ''}` : '']
              .filter(Boolean)
              .join(' · ')}
          </dd>
        </div>
      </dl>

      {run.groups.length === 0 ? (
        <p className="muted">{t('compare.detail.noGroups')}</p>
      ) : (
        <>
          {samplings.length > 1 && (
            <SegmentedControl label={t('compare.sampling.label')} value={sampling} segments={samplings.map((v) => ({ value: v, label: samplingLabel(v, t) }))} onChange={setSampling} testId="sampling-tabs" />
          )}
          <div className="split-tables">
            {groups.map((g) => (
              <div key={g.setting} className={`split-table split-${g.split}`} data-testid={`group-${g.split}-${g.sampling}`}>
                <h3 className="split-title">
                  {splitLabel(g.split, t)} <span className="muted">· {samplingLabel(g.sampling, t)}</span>
                </h3>
                <p className="muted split-note">{t('compare.group.folds', { folds: g.folds, withAnomalies: g.foldsWithAnomalies })}</p>
                <ModelTable rows={g.rows} setting={g.setting} caption={t('compare.table.label', { split: splitLabel(g.split, t), sampling: samplingLabel(g.sampling, t) })} testId={`models-${g.split}-${g.sampling}`} />
              </div>
            ))}
          </div>

          {chartGroup && rocOpt && prOpt && leadOpt && (
            <>
              {groups.length > 1 && (
                <SegmentedControl label={t('compare.charts.setting')} value={chartGroup.split} segments={groups.map((g) => ({ value: g.split, label: splitLabel(g.split, t) }))} onChange={setSplit} testId="chart-split" />
              )}
              <div className="chart-pair">
                <RunChart title={t('compare.roc.title')} option={rocOpt} testId="chart-roc" fileName={`roc ${chartGroup.setting}`} />
                <RunChart title={t('compare.pr.title')} option={prOpt} testId="chart-pr" fileName={`pr ${chartGroup.setting}`} />
              </div>
              <h3 className="split-title">{t('compare.confusion.title')}</h3>
              <ConfusionGrid rows={chartGroup.rows} />
              <div className="chart-pair">
                {anyLead ? <RunChart title={t('compare.lead.title')} option={leadOpt} testId="chart-lead" fileName={`lead ${chartGroup.setting}`} /> : <p className="muted">{t('compare.lead.empty')}</p>}
                <div>
                  <h3 className="split-title">{t('compare.threshold.title')}</h3>
                  <ThresholdPanel key={`${run.id}-${chartGroup.setting}`} runId={run.id} group={chartGroup} />
                </div>
              </div>
            </>
          )}
        </>
      )}
      <RobustnessSection curves={run.robustness ?? []} />
    </div>
  );
}
