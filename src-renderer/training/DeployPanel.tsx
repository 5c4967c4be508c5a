import { useMemo, useState } from 'react';
import type { DeployedModelResult } from '../../shared/domain/models';
import type { VigilError } from '../../shared/errors';
import { toVigilError, useJob, useRequest } from '../ipc';
import { useNavigate } from '../app/navigation';
import { rememberLabelSet } from '../labels/chosen-set';
import { DataTable, type Column } from '../ui/DataTable';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDateTime, formatInteger, formatPercent, shortId } from '../ui/format';
import { useLocale, useT, type Translate } from '../ui/i18n';
import { JobProgressBar } from '../ui/JobProgressBar';
import { NumberField } from '../ui/NumberField';
import { Section } from '../ui/Section';
import { StateBadge } from '../ui/StateBadge';
import { DEFAULT_DEPLOY, DEPLOY_MODELS, deployedModels, isSupervised, parseAlertBudget, trainParams, type DeployedModel, type DeployFormState, type DeployModel } from './deploy-form';

interface TrainResult {
  runId: string;
  trainSeconds: number;
  meta: { threshold: number };
}
interface ScoreResult {
  runId: string;
  windows: number;
  flagged: number;
  spans: number;
  labelSetId: string;
}

/**
 * Deploy a detector (issue #4 item 6, `vigil train` / `vigil score` in the app): train one model
 * on every labelled window of the workspace, its threshold from the model's rule or an alert
 * budget chosen on the training windows; then score every window with it — the flagged stretches
 * become a label set of model flags that the Labels area draws (never a default training label).
 */
export function DeployPanel() {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const runs = useRequest('runs:list', {}, { refetchOn: ['runs'] });
  const models = useMemo(() => deployedModels(runs.data ?? []), [runs.data]);
  const [f, setF] = useState<DeployFormState>(DEFAULT_DEPLOY);
  const set = <K extends keyof DeployFormState>(k: K, v: DeployFormState[K]) => setF((s) => ({ ...s, [k]: v }));
  const params = trainParams(f);
  const training = useJob();
  const scoring = useJob();
  const [scoringRun, setScoringRun] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; flagsSet?: string } | null>(null);
  const [error, setError] = useState<{ title: string; error: VigilError } | null>(null);
  const busy = training.running !== null || scoring.running !== null;

  const fail = (title: string) => (e: unknown) => {
    const err = toVigilError(e);
    setError(err.code === 'JOB_CANCELLED' ? null : { title, error: err });
  };
  const train = () => {
    if (!params) return;
    setNotice(null);
    setError(null);
    training.start<TrainResult>('train', params).then(
      (r) => setNotice({ text: t('deploy.trained', { model: f.model, seconds: r.trainSeconds.toFixed(1), threshold: r.meta.threshold.toPrecision(4) }) }),
      fail(t('deploy.trainFailed')),
    );
  };
  const score = (m: DeployedModel) => {
    setNotice(null);
    setError(null);
    setScoringRun(m.runId);
    scoring.start<ScoreResult>('score', { modelRunId: m.runId }).then(
      (r) => setNotice({ text: t('deploy.scored', { model: m.model, windows: formatInteger(r.windows, locale), flagged: formatInteger(r.flagged, locale), spans: formatInteger(r.spans, locale) }), flagsSet: r.labelSetId }),
      fail(t('deploy.scoreFailed')),
    );
  };
  const showFlags = (labelSetId: string) => {
    rememberLabelSet(labelSetId);
    navigate('labels');
  };

  const columns: Column<DeployedModel>[] = [
    { id: 'model', header: t('deploy.col.model'), cell: (m) => <span title={t('deploy.runTitle', { run: m.runId })}>{`${m.model} · ${shortId(m.runId)}`}</span>, mono: true },
    { id: 'created', header: t('deploy.col.created'), cell: (m) => formatDateTime(m.createdAtMs), mono: true },
    { id: 'labels', header: t('deploy.col.labels'), cell: (m) => (m.labelSetId ? <span title={m.labelSetId}>{`${shortId(m.labelSetId)} v${m.labelVersion ?? '?'}`}</span> : '—'), mono: true },
    { id: 'threshold', header: t('deploy.col.threshold'), cell: (m) => (m.result ? thresholdText(m.result, m.model as DeployModel, t) : <StateBadge state={m.state} />) },
    { id: 'load', header: t('deploy.col.trainingFlags'), cell: (m) => (m.result?.trainingFlags ? t('deploy.load', { share: formatPercent(m.result.trainingFlags.fraction), perDay: m.result.trainingFlags.alertsPerDay.toFixed(1) }) : '—'), align: 'right' },
    {
      id: 'scored',
      header: t('deploy.col.lastScore'),
      cell: (m) => (m.lastScore ? t('deploy.lastScore', { flagged: formatInteger(m.lastScore.flagged, locale), spans: formatInteger(m.lastScore.spans, locale) }) : <span className="muted">{t('deploy.notScored')}</span>),
      align: 'right',
    },
    {
      id: 'actions',
      header: t('deploy.col.actions'),
      align: 'right',
      cell: (m) => (
        <div className="row-actions">
          <button type="button" className="btn btn-small btn-primary" disabled={busy || m.state !== 'succeeded'} onClick={() => score(m)} data-testid={`deploy-score-${m.runId}`}>
            {t('deploy.score')}
          </button>
          {m.lastScore && (
            <button type="button" className="btn btn-small" onClick={() => showFlags(m.lastScore!.labelSetId)} title={t('deploy.showFlags')} data-testid={`deploy-flags-${m.runId}`}>
              {t('deploy.showFlagsShort')}
            </button>
          )}
        </div>
      ),
    },
  ];

  const budget = parseAlertBudget(f.alertBudget);
  const num = (k: 'epochs' | 'batchSize' | 'seed' | 'window', label: string, min: number, max: number) => <NumberField label={label} value={f[k]} min={min} max={max} onChange={(v) => set(k, v)} testId={`deploy-${k}`} />;
  return (
    <Section title={t('deploy.title')} meta={models.length > 0 ? t('common.count', { count: models.length }) : undefined} testId="deploy">
      <div className="pad">
        <p className="muted">{t('deploy.body')}</p>
        <div className="form-grid">
          <label className="field">
            <span className="field-label">{t('deploy.model')}</span>
            <select value={f.model} onChange={(e) => set('model', e.target.value as DeployModel)} data-testid="deploy-model">
              {DEPLOY_MODELS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          {num('epochs', t('training.form.epochs'), 1, 1000)}
          {num('batchSize', t('training.form.batch'), 1, 4096)}
          {num('seed', t('training.form.seed'), 0, 2 ** 31)}
          {num('window', t('deploy.window'), 1, 1000)}
          <label className="check" title={isSupervised(f.model) ? undefined : t('deploy.samplingUnsupervised')}>
            <input type="checkbox" checked={isSupervised(f.model) && f.negativeSampling} disabled={!isSupervised(f.model)} onChange={() => set('negativeSampling', !f.negativeSampling)} data-testid="deploy-sampling" />
            {t('training.form.sampling')}
          </label>
          <label className="field">
            <span className="field-label">{t('deploy.budget')}</span>
            <input
              type="text"
              inputMode="decimal"
              className={budget === undefined ? 'mono input-invalid' : 'mono'}
              aria-invalid={budget === undefined}
              placeholder={t('deploy.budgetDefault')}
              value={f.alertBudget}
              onChange={(e) => set('alertBudget', e.target.value)}
              data-testid="deploy-budget"
            />
          </label>
        </div>
        <p className="field-note muted">{t('deploy.budgetHint')}</p>
        <div className="toolbar">
          <button type="button" className="btn btn-primary" disabled={!params || busy} onClick={train} data-testid="deploy-train">
            {training.running ? t('deploy.training') : t('deploy.train')}
          </button>
          {!params && <span className="muted">{t('deploy.invalid')}</span>}
          {training.running && <JobProgressBar job={training.running} label={t('deploy.training')} onCancel={training.cancel} grow testId="deploy-train-progress" />}
          {scoring.running && <JobProgressBar job={scoring.running} label={t('deploy.scoring', { run: shortId(scoringRun ?? '') })} onCancel={scoring.cancel} grow testId="deploy-score-progress" />}
        </div>
        {notice && (
          <div className="notice notice-success" role="status" data-testid="deploy-result">
            {notice.text}{' '}
            {notice.flagsSet && (
              <button type="button" className="btn btn-small" onClick={() => showFlags(notice.flagsSet!)} data-testid="deploy-result-flags">
                {t('deploy.showFlags')}
              </button>
            )}
          </div>
        )}
        {error && <ErrorNotice title={error.title} error={error.error} />}
      </div>
      {models.length > 0 && <DataTable label={t('deploy.title')} columns={columns} rows={models} rowKey={(m) => m.runId} testId="deploy-models" rowTestId="deploy-model-row" />}
    </Section>
  );
}

/** "p ≥ 0.5", "detector's own: 0.731" or "0.8249 (≤ 2 alerts/day)". */
function thresholdText(r: DeployedModelResult, model: DeployModel, t: Translate): string {
  const v = r.threshold.toPrecision(4);
  if (r.thresholdRule.kind === 'alerts-per-day') return t('deploy.thresholdBudget', { threshold: v, budget: String(r.thresholdRule.alertsPerDay) });
  return isSupervised(model) ? t('deploy.thresholdDefault', { threshold: v }) : t('deploy.thresholdDetector', { threshold: v });
}
