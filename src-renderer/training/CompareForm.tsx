import { useState } from 'react';
import { toVigilError, useApi } from '../ipc';
import { useT } from '../ui/i18n';
import { NumberField } from '../ui/NumberField';
import { Section } from '../ui/Section';
import { SegmentedControl } from '../ui/SegmentedControl';
import { ROBUSTNESS_KINDS, type RobustnessKind } from '../../shared/domain/models';
import { DEFAULT_FORM, DEFAULT_LEVELS, FORM_MODELS, ablationsOf, compareParams, parseLevels, samplingList, splitList, taskCount as countTasks, type CompareFormState } from './compare-form';
import { plannedTasks, type TaskState } from './task-progress';

/** Settings of a new comparison; Start → `jobs:start {kind: 'compare'}`. */
export function CompareForm({ busy, onStarted }: { busy: boolean; onStarted(jobId: string, planned: TaskState[]): void }) {
  const t = useT();
  const api = useApi();
  const [f, setF] = useState<CompareFormState>(DEFAULT_FORM);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const params = compareParams(f);
  const set = <K extends keyof CompareFormState>(k: K, v: CompareFormState[K]) => setF((s) => ({ ...s, [k]: v }));
  const toggleModel = (m: string) => set('models', f.models.includes(m) ? f.models.filter((x) => x !== m) : [...f.models, m]);
  const toggleAblation = (e: string) => set('ablations', f.ablations.includes(e) ? f.ablations.filter((x) => x !== e) : [...f.ablations, e]);
  const toggleRobust = (k: RobustnessKind) => {
    const { [k]: on, ...rest } = f.robustness;
    set('robustness', on === undefined ? { ...f.robustness, [k]: DEFAULT_LEVELS[k] } : rest);
  };
  const ablations = [...FORM_MODELS.supervised, ...FORM_MODELS.unsupervised, ...FORM_MODELS.baselines].flatMap((m) => ablationsOf(m));
  const num = (k: 'folds' | 'epochs' | 'batchSize' | 'seed', label: string, min: number, max: number) => <NumberField label={label} value={f[k]} min={min} max={max} onChange={(v) => set(k, v)} testId={`form-${k}`} />;
  const start = () => {
    if (!params) return;
    setStarting(true);
    setError(null);
    api.invoke('jobs:start', { kind: 'compare', params }).then(
      (r) => {
        setStarting(false);
        onStarted(r.jobId, plannedTasks({ models: params['models'] as string[], splits: splitList(f), sampling: samplingList(f.sampling), folds: f.folds }));
      },
      (e: unknown) => {
        setStarting(false);
        setError(toVigilError(e).message);
      },
    );
  };
  const taskCount = params ? countTasks(f, params) : 0;
  return (
    <Section title={t('training.form.title')} meta={params ? t('training.form.tasks', { count: taskCount }) : undefined} testId="compare-form">
      <div className="pad">
      <div className="form-grid">
        {(['supervised', 'unsupervised', 'baselines'] as const).map((group) => (
          <fieldset key={group}>
            <legend>{t(group === 'supervised' ? 'training.form.supervised' : group === 'unsupervised' ? 'training.form.unsupervised' : 'training.form.baselines')}</legend>
            {FORM_MODELS[group].map((m) => (
              <label key={m} className="check">
                <input type="checkbox" checked={f.models.includes(m)} onChange={() => toggleModel(m)} data-testid={`form-model-${m}`} />
                <span className="mono">{m}</span>
              </label>
            ))}
          </fieldset>
        ))}
        <fieldset>
          <legend>{t('training.form.split')}</legend>
          <label className="check">
            <input type="checkbox" checked={f.blocked} onChange={() => set('blocked', !f.blocked)} data-testid="form-split-blocked" />
            {t('training.form.split.blocked')}
          </label>
          <label className="check">
            <input type="checkbox" checked={f.kfold} onChange={() => set('kfold', !f.kfold)} data-testid="form-split-kfold" />
            {t('training.form.split.kfold')}
          </label>
        </fieldset>
        {num('folds', t('training.form.folds'), 2, 50)}
        <fieldset>
          <legend>{t('training.form.sampling')}</legend>
          <SegmentedControl
            label={t('training.form.sampling')}
            value={f.sampling}
            segments={[
              { value: 'off', label: t('training.form.sampling.full') },
              { value: 'on', label: t('training.form.sampling.ns') },
              { value: 'paper', label: t('training.form.sampling.paper') },
            ]}
            onChange={(v) => set('sampling', v)}
            testId="form-sampling"
          />
        </fieldset>
        {num('epochs', t('training.form.epochs'), 1, 1000)}
        {num('batchSize', t('training.form.batch'), 1, 4096)}
        {num('seed', t('training.form.seed'), 0, 2 ** 31)}
        <fieldset>
          <legend>{t('training.form.windowMode')}</legend>
          <SegmentedControl
            label={t('training.form.windowMode')}
            value={f.windowMode}
            segments={[
              { value: 'paper', label: t('training.form.window.paper') },
              { value: 'sliding', label: t('training.form.window.sliding') },
            ]}
            onChange={(v) => set('windowMode', v)}
            testId="form-window"
          />
        </fieldset>
        {ablations.length > 0 && (
          <fieldset data-testid="form-ablations">
            <legend title={t('training.form.ablationsHint')}>{t('training.form.ablations')}</legend>
            {ablations.map((a) => (
              <label key={a.entry} className="check" title={a.entry}>
                <input type="checkbox" checked={f.ablations.includes(a.entry)} onChange={() => toggleAblation(a.entry)} data-testid={`form-ablation-${a.entry}`} />
                <span className="mono">{a.entry.split(':')[0]}</span> <span>({a.text})</span>
              </label>
            ))}
          </fieldset>
        )}
      </div>
      <fieldset className="robustness-fields" data-testid="form-robustness">
        <legend>{t('training.form.robustness')}</legend>
        <p className="muted">{t('training.form.robustnessHint')}</p>
        {ROBUSTNESS_KINDS.map((k) => {
          const text = f.robustness[k];
          const bad = text !== undefined && parseLevels(text) === null;
          return (
            <div key={k} className="robustness-row">
              <label className="check">
                <input type="checkbox" checked={text !== undefined} onChange={() => toggleRobust(k)} data-testid={`form-robust-${k}`} />
                {t(`training.form.robustness.${k}`)}
              </label>
              {text !== undefined && (
                <input
                  type="text"
                  className={bad ? 'mono input-invalid' : 'mono'}
                  value={text}
                  aria-label={t(`training.form.robustness.${k}`)}
                  aria-invalid={bad}
                  title={bad ? t('training.form.robustnessInvalid') : undefined}
                  onChange={(e) => set('robustness', { ...f.robustness, [k]: e.target.value })}
                  data-testid={`form-robust-${k}-levels`}
                />
              )}
            </div>
          );
        })}
      </fieldset>
      {f.kfold && (
        <p className="notice-warning" role="note" data-testid="kfold-warning">
          <strong>⚠</strong> {t('training.form.kfoldWarning')}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="btn btn-primary" disabled={!params || starting || busy} onClick={start} data-testid="form-start">
          {starting ? t('training.form.starting') : t('training.form.start')}
        </button>
        {!params && <span className="muted">{t('training.form.invalid')}</span>}
        {error && (
          <span className="inline-error" role="alert">
            {t('training.form.startFailed', { message: error })}
          </span>
        )}
      </div>
      </div>
    </Section>
  );
}
