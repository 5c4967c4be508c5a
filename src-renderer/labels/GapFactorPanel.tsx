import { useMemo, useState } from 'react';
import type { LabelSetVersion } from '../../shared/domain/labels';
import type { Outage } from '../../shared/domain/outage';
import type { VigilError } from '../../shared/errors';
import { formatInOffset } from '../../shared/domain/time';
import { toVigilError, useApi, useJob, useRequest } from '../ipc';
import { asImportPreview, baseName } from '../import/import-preview';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatInteger } from '../ui/format';
import { useLocale, useT } from '../ui/i18n';
import { JobProgressBar } from '../ui/JobProgressBar';
import { Section } from '../ui/Section';
import { compareOutages, replacementSpans } from './outage-compare';

/**
 * The gap threshold k as a live control (METHODS.md §2: an outage is no 2xx for longer than
 * k × the probe interval): re-runs the import job as a dry run on the access logs this
 * workspace recorded, shows the outages it would find beside the current ones, and Apply stores
 * them as a new label-set version (`labels:replace-spans`; human and model spans are kept).
 */
export function GapFactorPanel({
  current,
  currentOutages,
  busy,
  onApply,
}: {
  current: LabelSetVersion;
  currentOutages: readonly Outage[];
  busy: boolean;
  onApply(op: () => Promise<LabelSetVersion>): Promise<void>;
}) {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const imports = useRequest('imports:list', {}, { refetchOn: ['imports'] });
  const logs = useMemo(() => (imports.data ?? []).filter((r) => r.kind === 'access-log'), [imports.data]);
  const [k, setK] = useState<number>(current.rules.gapFactor);
  const job = useJob();
  const running = job.running;
  const [error, setError] = useState<VigilError | null>(null);
  const [result, setResult] = useState<{ k: number; outages: Outage[] } | null>(null);

  const preview = async () => {
    setError(null);
    setResult(null);
    const logObjects = Object.fromEntries(logs.flatMap((r) => (typeof r.detail['object'] === 'string' ? [[baseName(r.file), r.detail['object']]] : [])));
    try {
      const res = await job.start<unknown>('import', { paths: [...new Set(logs.map((r) => r.file))], dryRun: true, gapFactor: k, ...(Object.keys(logObjects).length ? { logObjects } : {}) });
      setResult({ k, outages: asImportPreview(res).outages });
    } catch (e) {
      const err = toVigilError(e);
      if (err.code !== 'JOB_CANCELLED') setError(err);
    }
  };

  const cmp = result ? compareOutages(currentOutages, result.outages) : null;
  const validK = Number.isFinite(k) && k > 0 && k <= 1000;
  return (
    <Section title={t('labels.gap.title')} meta={t('labels.gap.current', { k: current.rules.gapFactor })} testId="labels-gap">
      <div className="section-pad">
        <p className="muted">{t('labels.gap.body')}</p>
        {logs.length === 0 ? (
          <p className="muted" data-testid="gap-no-logs">
            {t('labels.gap.noLogs')}
          </p>
        ) : (
          <>
            <div className="form-row">
              <label className="field-inline">
                <span>k</span>
                <input type="number" min={1} max={100} step={0.5} value={Number.isFinite(k) ? k : ''} onChange={(e) => setK(Number(e.target.value))} data-testid="gap-k" />
              </label>
              <button type="button" className="btn btn-small" disabled={!validK || running !== null || busy} onClick={() => void preview()} data-testid="gap-preview">
                {t('labels.gap.preview', { n: logs.length })}
              </button>
              {running && <JobProgressBar job={running} label={t('labels.gap.running')} onCancel={job.cancel} grow testId="gap-progress" />}
            </div>
            {error && <ErrorNotice title={t('labels.gap.failed')} error={error} />}
            {result && cmp && (
              <div className="gap-result" data-testid="gap-result">
                <dl className="stats">
                  <div className="stat">
                    <dt>{t('labels.gap.now', { k: current.rules.gapFactor })}</dt>
                    <dd>{formatInteger(currentOutages.length, locale)}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t('labels.gap.with', { k: result.k })}</dt>
                    <dd data-testid="gap-count">{formatInteger(result.outages.length, locale)}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t('labels.gap.added')}</dt>
                    <dd>{formatInteger(cmp.added.length, locale)}</dd>
                  </div>
                  <div className="stat">
                    <dt>{t('labels.gap.removed')}</dt>
                    <dd>{formatInteger(cmp.removed.length, locale)}</dd>
                  </div>
                </dl>
                {(cmp.added.length > 0 || cmp.removed.length > 0) && (
                  <ul className="diff-list mono">
                    {cmp.added.slice(0, 50).map((o) => (
                      <li key={`a-${o.id}`} className="diff-added">
                        + {formatInOffset(o.startMs, o.utcOffsetMinutes)} · {o.seconds} s · {o.object ?? t('labels.allObjects')}
                      </li>
                    ))}
                    {cmp.removed.slice(0, 50).map((o) => (
                      <li key={`r-${o.id}`} className="diff-removed">
                        − {formatInOffset(o.startMs, o.utcOffsetMinutes)} · {o.seconds} s · {o.object ?? t('labels.allObjects')}
                      </li>
                    ))}
                  </ul>
                )}
                <div className="toolbar">
                  <button
                    type="button"
                    className="btn btn-primary btn-small"
                    disabled={busy}
                    data-testid="gap-apply"
                    onClick={() =>
                      void onApply(() =>
                        api.invoke('labels:replace-spans', {
                          labelSetId: current.labelSetId,
                          spans: replacementSpans(current, result.outages),
                          note: `gap factor k = ${result.k}`,
                          rules: { ...current.rules, gapFactor: result.k },
                        }),
                      ).then(() => setResult(null))
                    }
                  >
                    {t('labels.gap.apply', { k: result.k })}
                  </button>
                  <span className="muted">{t('labels.gap.applyNote')}</span>
                </div>
              </div>
            )}
          </>
        )}
      </div>
    </Section>
  );
}
