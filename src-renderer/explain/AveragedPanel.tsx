import { useMemo, useRef, useState } from 'react';
import type { AveragedMaps } from '../../shared/domain/explain';
import type { VigilError } from '../../shared/errors';
import { runJob, toVigilError, useApi, useRequest } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatPercent } from '../ui/format';
import { useT } from '../ui/i18n';
import { RequestView } from '../ui/RequestView';
import { useExplainColors } from './colors';
import { ExplainChart } from './ExplainChart';
import { counterTimeMaps, formatValue, gridHeatmapOption, mapKey, sharedRange } from './explain-options';
import { methodName } from './WindowView';

/**
 * Maps averaged over every normal and every anomalous test window (the `explain` job, in the
 * workers: progress bar and cancel), side by side on one colour scale for the chosen method.
 */
export function AveragedPanel({ runId, model, setting, method }: { runId: string; model: string; setting: string; method: string | null }) {
  const t = useT();
  const api = useApi();
  const colors = useExplainColors();
  const stored = useRequest('explain:average-get', { runId, model, setting }, { refetchOn: ['runs'] });
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<VigilError | null>(null);
  const jobId = useRef<string | null>(null);

  const start = () => {
    setError(null);
    setProgress(0);
    runJob<AveragedMaps>(api, 'explain', { runId, model, setting }, { onStarted: (id) => (jobId.current = id), onProgress: (p) => setProgress(p.value) }).then(
      () => {
        setProgress(null);
        stored.reload();
      },
      (e: unknown) => {
        setProgress(null);
        const err = toVigilError(e);
        if (err.code !== 'JOB_CANCELLED') setError(err);
      },
    );
  };
  const cancel = () => {
    if (jobId.current) void api.invoke('jobs:cancel', { jobId: jobId.current });
  };

  return (
    <div className="explain-averaged" data-testid="explain-averaged">
      {error && <ErrorNotice title={t('common.errorTitle', { what: t('explain.what.average') })} error={error} />}
      {progress !== null ? (
        <div className="explain-progress" data-testid="explain-avg-progress">
          <progress max={1} value={progress} aria-label={t('explain.avg.running', { percent: formatPercent(progress, 0) })} />
          <span>{t('explain.avg.running', { percent: (progress * 100).toFixed(0) })}</span>
          <button type="button" className="btn btn-small" onClick={cancel} data-testid="explain-avg-cancel">
            {t('explain.avg.cancel')}
          </button>
        </div>
      ) : null}
      <RequestView state={stored} what={t('explain.what.average')}>
        {(avg) =>
          avg ? (
            <AveragedMapsView avg={avg} method={method} colors={colors} />
          ) : progress === null ? (
            <div className="explain-avg-none">
              <p className="muted">{t('explain.avg.none')}</p>
              <button type="button" className="btn" onClick={start} data-testid="explain-avg-start">
                {t('explain.avg.start')}
              </button>
            </div>
          ) : null
        }
      </RequestView>
    </div>
  );
}

function AveragedMapsView({ avg, method, colors }: { avg: AveragedMaps; method: string | null; colors: ReturnType<typeof useExplainColors> }) {
  const t = useT();
  const keys = counterTimeMaps(avg.anomalous.maps).map(mapKey);
  const key = method && keys.includes(method) ? method : (keys[0] ?? null);
  const normal = avg.normal.maps.find((m) => mapKey(m) === key) ?? null;
  const anomalous = avg.anomalous.maps.find((m) => mapKey(m) === key) ?? null;
  const cols = useMemo(() => Array.from({ length: avg.W }, (_, i) => `t${i - avg.W + 1}`), [avg.W]);
  const range = sharedRange(normal, anomalous);
  const cell = (row: string, col: string, v: number) => t('explain.tooltip.cell', { counter: row, time: col, value: formatValue(v) });
  const height = Math.max(160, avg.counters.length * 22 + 40);
  const name = key ? methodName(t, key.split(':')[0] ?? key, key.split(':')[1] ?? null) : '';
  const left = normal ? gridHeatmapOption({ rows: avg.counters, cols, values: normal.values, colors, cellText: cell, range }) : null;
  const right = anomalous ? gridHeatmapOption({ rows: avg.counters, cols, values: anomalous.values, colors, cellText: cell, range }) : null;
  return (
    <>
      <p className="explain-meta muted">{t('explain.avg.meta', { folds: avg.folds.join(', '), ms: avg.elapsedMs.toFixed(0) })}</p>
      <div className="explain-pair">
        {left && <ExplainChart title={`${t('explain.avg.normal', { count: normal?.windows ?? avg.normal.count })} · ${name}`} option={left} height={height} testId="explain-avg-normal" fileName={`${avg.model}-average-normal-${key}`} />}
        {right && <ExplainChart title={`${t('explain.avg.anomalous', { count: anomalous?.windows ?? avg.anomalous.count })} · ${name}`} option={right} height={height} testId="explain-avg-anomalous" fileName={`${avg.model}-average-anomalous-${key}`} />}
      </div>
    </>
  );
}
