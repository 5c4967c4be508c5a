import { useMemo, useRef, useState, type DragEvent } from 'react';
import type { VigilError } from '../../shared/errors';
import { formatInOffset, offsetLabel } from '../../shared/domain/time';
import { runJob, toVigilError, useApi, useRequest } from '../ipc';
import { ErrorNotice, withoutLocation } from '../ui/ErrorNotice';
import { formatCadence, formatDateTime, formatDuration, formatInteger, formatPercent } from '../ui/format';
import { Icon } from '../ui/Icon';
import { useLocale, useT } from '../ui/i18n';
import { Section } from '../ui/Section';
import { asImportPreview, errorIsFor, importParams, outagesByObject, timeZoneChoices, type ImportCorrections, type ImportPreview, type PreviewFile } from './import-preview';
import { uploadFiles, type StagedFile } from './upload-files';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; done: number; total: number; etaMs: number | null; file: string }
  | { kind: 'importing'; dryRun: boolean; value: number; etaMs: number | null; message: string };

const BROWSER_ZONE = (() => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
})();

const fileKey = (f: File) => `${f.name}|${f.size}|${f.lastModified}`;

/**
 * Drop or pick files (Scouter CSVs, access logs, .gz) → upload them to the engine's staging →
 * preview with a dry-run import → correct the time zone, renamed-file facts, k and the log
 * objects → commit the same job without dry run (DESIGN.md §2: long work is a job).
 */
export function ImportWizard() {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const known = useRequest('series:list', {}, { refetchOn: ['series', 'imports'] });
  const [files, setFiles] = useState<File[]>([]);
  const staged = useRef(new Map<string, StagedFile>());
  const [dragOver, setDragOver] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<VigilError | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewKey, setPreviewKey] = useState<string | null>(null);
  const [committed, setCommitted] = useState<ImportPreview | null>(null);
  const zones = useMemo(() => timeZoneChoices(BROWSER_ZONE), []);
  const [corr, setCorr] = useState<ImportCorrections>({ timeZone: zones[0] ?? 'UTC', gapFactor: null, counter: '', objType: '', logObjects: {} });
  const abort = useRef<AbortController | null>(null);
  const jobId = useRef<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const busy = phase.kind !== 'idle';
  const settingsKey = JSON.stringify([files.map(fileKey), corr]);
  const stale = preview !== null && previewKey !== settingsKey;

  const addFiles = (list: FileList | null) => {
    // Copy now: the FileList is live and the input is reset right after this call.
    const picked = list ? [...list] : [];
    if (picked.length === 0) return;
    setFiles((cur) => {
      const have = new Set(cur.map(fileKey));
      return [...cur, ...picked.filter((f) => !have.has(fileKey(f)))];
    });
    setCommitted(null);
    setError(null);
  };
  const removeFile = (f: File) => {
    setFiles((cur) => cur.filter((x) => x !== f));
    staged.current.delete(fileKey(f));
  };
  const clear = () => {
    setFiles([]);
    staged.current.clear();
    setPreview(null);
    setPreviewKey(null);
    setError(null);
    setCorr((c) => ({ ...c, logObjects: {} }));
  };

  /** Uploads what is not staged yet; returns the staged paths of every selected file. */
  const stageAll = async (signal: AbortSignal): Promise<string[]> => {
    const todo = files.filter((f) => !staged.current.has(fileKey(f)));
    if (todo.length > 0) {
      const total = todo.reduce((a, f) => a + f.size, 0);
      setPhase({ kind: 'uploading', done: 0, total, etaMs: null, file: todo[0]?.name ?? '' });
      const out = await uploadFiles(api, todo, {
        signal,
        onProgress: (p) => setPhase({ kind: 'uploading', done: p.doneBytes, total: p.totalBytes, etaMs: p.etaMs, file: todo[p.fileIndex]?.name ?? '' }),
      });
      out.forEach((s, i) => staged.current.set(fileKey(todo[i] as File), s));
    }
    return files.map((f) => (staged.current.get(fileKey(f)) as StagedFile).path);
  };

  const run = async (dryRun: boolean) => {
    const ctl = new AbortController();
    abort.current = ctl;
    setError(null);
    const key = settingsKey;
    try {
      const paths = await stageAll(ctl.signal);
      if (ctl.signal.aborted) return;
      setPhase({ kind: 'importing', dryRun, value: 0, etaMs: null, message: '' });
      const result = await runJob<unknown>(api, 'import', importParams(paths, corr, dryRun), {
        onStarted: (id) => {
          jobId.current = id;
          if (ctl.signal.aborted) void api.invoke('jobs:cancel', { jobId: id });
        },
        onProgress: (p) => setPhase({ kind: 'importing', dryRun, value: p.value, etaMs: p.etaMs, message: p.message ?? '' }),
      });
      const summary = asImportPreview(result);
      if (dryRun) {
        setPreview(summary);
        setPreviewKey(key);
      } else {
        setCommitted(summary);
        setPreview(null);
        setPreviewKey(null);
        setFiles([]);
        staged.current.clear();
      }
    } catch (e) {
      const err = toVigilError(e);
      if (err.code !== 'JOB_CANCELLED') setError(err);
    } finally {
      jobId.current = null;
      abort.current = null;
      setPhase({ kind: 'idle' });
    }
  };

  const cancel = () => {
    abort.current?.abort();
    if (jobId.current) void api.invoke('jobs:cancel', { jobId: jobId.current });
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragOver(false);
    if (!busy) addFiles(e.dataTransfer.files);
  };

  const objectChoices = useMemo(() => {
    const s = new Set<string>();
    for (const x of preview?.series ?? []) s.add(x.object);
    for (const x of known.data ?? []) s.add(x.object);
    return [...s].sort();
  }, [preview, known.data]);

  const previewFor = (f: File): PreviewFile | undefined => preview?.files.find((p) => p.name === f.name);
  const logFiles = preview?.files.filter((f) => f.kind === 'access-log') ?? [];

  return (
    <Section title={t('import.add.title')} meta={files.length > 0 ? t('import.add.selected', { count: files.length }) : undefined} testId="import-wizard">
      <div className="section-pad">
        <div
          className={`dropzone${dragOver ? ' dropzone-over' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragOver(true);
          }}
          onDragLeave={() => setDragOver(false)}
          onDrop={onDrop}
          data-testid="import-dropzone"
        >
          <Icon name="import" size={22} />
          <div className="dropzone-text">
            <strong>{t('import.drop.title')}</strong>
            <span className="muted">{t('import.drop.body')}</span>
          </div>
          <button type="button" className="btn" onClick={() => input.current?.click()} disabled={busy} data-testid="import-choose">
            <Icon name="folder" size={14} />
            {t('import.drop.choose')}
          </button>
          <input
            ref={input}
            type="file"
            multiple
            className="sr-only"
            accept=".csv,.log,.gz,.txt,text/csv,application/gzip"
            onChange={(e) => {
              addFiles(e.target.files);
              e.target.value = '';
            }}
            aria-label={t('import.drop.choose')}
            data-testid="import-file-input"
          />
        </div>

        {files.length > 0 && (
          <>
            <div className="table-wrap">
              <table className="data-table" aria-label={t('import.preview.title')} data-testid="preview-table">
                <thead>
                  <tr>
                    <th scope="col">{t('import.col.file')}</th>
                    <th scope="col">{t('import.col.kind')}</th>
                    <th scope="col">{t('import.preview.recognised')}</th>
                    <th scope="col" className="num">
                      {t('import.col.rows')}
                    </th>
                    <th scope="col" className="num">
                      {t('import.preview.size')}
                    </th>
                    <th scope="col" />
                  </tr>
                </thead>
                <tbody>
                  {files.map((f) => {
                    const p = previewFor(f);
                    const fileError = error && errorIsFor(error.where?.file, { name: f.name }) ? error : null;
                    return (
                      <tr key={fileKey(f)} data-testid="preview-row" data-file={f.name} className={fileError ? 'row-error' : undefined}>
                        <td className="mono">
                          <span title={f.name}>{f.name}</span>
                          {fileError && (
                            <div className="inline-error" role="alert" data-testid="preview-file-error">
                              <code className="error-code">{fileError.code}</code>{' '}
                              {fileError.where?.line !== undefined && t('import.preview.at', { line: fileError.where.line, column: fileError.where.column ?? '—' })}{' '}
                              {fileError.where?.field && <span className="mono">({fileError.where.field}) </span>}
                              {withoutLocation(fileError).rest}
                            </div>
                          )}
                        </td>
                        <td>{p ? <span className="tag">{p.kind}</span> : <span className="muted">{staged.current.has(fileKey(f)) ? t('import.preview.staged') : t('import.preview.notYet')}</span>}</td>
                        <td>
                          {p ? (
                            <FileFacts
                              file={p}
                              offset={preview?.outages[0]?.utcOffsetMinutes ?? null}
                              objects={objectChoices}
                              logObject={corr.logObjects[f.name] ?? ''}
                              onLogObject={(o) => setCorr((c) => ({ ...c, logObjects: { ...c.logObjects, [f.name]: o } }))}
                            />
                          ) : (
                            <span className="muted">{t('common.none')}</span>
                          )}
                        </td>
                        <td className="num">{p && Number.isFinite(p.rows) ? formatInteger(p.rows, locale) : t('common.none')}</td>
                        <td className="num">{formatBytes(f.size)}</td>
                        <td className="num">
                          <button type="button" className="icon-btn" onClick={() => removeFile(f)} disabled={busy} aria-label={t('import.preview.remove', { file: f.name })}>
                            <Icon name="close" size={14} />
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>

            <fieldset className="import-options" disabled={busy}>
              <legend className="sr-only">{t('import.options.title')}</legend>
              <label className="field">
                <span className="field-label">{t('import.options.timeZone')}</span>
                <select value={corr.timeZone} onChange={(e) => setCorr({ ...corr, timeZone: e.target.value })} data-testid="import-timezone">
                  {zones.map((z) => (
                    <option key={z} value={z}>
                      {z === BROWSER_ZONE ? t('import.options.browserZone', { zone: z }) : z}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field-label">{t('import.options.gapFactor')}</span>
                <input
                  type="number"
                  min={1}
                  max={100}
                  step={0.5}
                  placeholder={t('import.options.default')}
                  value={corr.gapFactor ?? ''}
                  onChange={(e) => setCorr({ ...corr, gapFactor: e.target.value === '' ? null : Number(e.target.value) })}
                  data-testid="import-gap-factor"
                />
              </label>
              <label className="field">
                <span className="field-label">{t('import.options.counter')}</span>
                <input type="text" value={corr.counter} placeholder={t('import.options.fromName')} onChange={(e) => setCorr({ ...corr, counter: e.target.value })} data-testid="import-counter" />
              </label>
              <label className="field">
                <span className="field-label">{t('import.options.objType')}</span>
                <input type="text" value={corr.objType} placeholder={t('import.options.fromName')} onChange={(e) => setCorr({ ...corr, objType: e.target.value })} data-testid="import-objtype" />
              </label>
              <p className="field-note muted">{t('import.options.renamedNote')}</p>
            </fieldset>

            <div className="toolbar">
              <button type="button" className="btn" onClick={() => void run(true)} disabled={busy} data-testid="import-preview">
                {preview ? t('import.action.previewAgain') : t('import.action.preview')}
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void run(false)} disabled={busy || preview === null} title={preview === null ? t('import.action.previewFirst') : undefined} data-testid="import-commit">
                {t('import.action.commit', { count: files.length })}
              </button>
              <button type="button" className="btn" onClick={clear} disabled={busy} data-testid="import-clear">
                {t('import.action.clear')}
              </button>
              {stale && !busy && (
                <span className="muted" data-testid="preview-stale">
                  {t('import.preview.stale')}
                </span>
              )}
            </div>
          </>
        )}

        {busy && <PhaseBar phase={phase} onCancel={cancel} />}
        {error && <ErrorNotice title={t('import.error.title')} error={error} />}
        {preview && <PreviewSummary preview={preview} logFileCount={logFiles.length} />}
        {committed && (
          <div className="notice notice-success" role="status" data-testid="import-committed">
            <Icon name="import" className="notice-icon" />
            <div className="notice-text">
              <div className="notice-title">{t('import.committed.title')}</div>
              <div className="notice-message">
                {t('import.committed.body', { files: committed.files.length, series: committed.series.length, outages: committed.outages.length })}
                {committed.labelSet && ` ${t('import.committed.labels', { version: committed.labelSet.version })}`}
              </div>
            </div>
          </div>
        )}
      </div>
    </Section>
  );
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} B`;
}

function PhaseBar({ phase, onCancel }: { phase: Exclude<Phase, { kind: 'idle' }>; onCancel(): void }) {
  const t = useT();
  const value = phase.kind === 'uploading' ? (phase.total > 0 ? phase.done / phase.total : 1) : phase.value;
  const label =
    phase.kind === 'uploading'
      ? t('import.phase.uploading', { file: phase.file, done: formatBytes(phase.done), total: formatBytes(phase.total) })
      : phase.dryRun
        ? t('import.phase.previewing')
        : t('import.phase.importing');
  return (
    <div className="phase" data-testid="import-progress" data-phase={phase.kind}>
      <div className="phase-label">
        <span>{label}</span>
        {phase.kind === 'importing' && phase.message && <span className="muted mono">{phase.message}</span>}
      </div>
      <div className="progress-cell">
        <div className="progress progress-running" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(value * 100)}>
          <div className="progress-fill" style={{ width: `${(value * 100).toFixed(1)}%` }} />
        </div>
        <span className="progress-value">{formatPercent(value, 0)}</span>
        <span className="muted">{phase.etaMs !== null ? t('import.phase.eta', { eta: formatDuration(phase.etaMs, t) }) : ''}</span>
        <button type="button" className="btn btn-small btn-danger" onClick={onCancel} data-testid="import-cancel">
          {t('training.cancel')}
        </button>
      </div>
    </div>
  );
}

/** What was recognised in one file, and for a log, which object it belongs to. */
function FileFacts({ file, offset, objects, logObject, onLogObject }: { file: PreviewFile; offset: number | null; objects: string[]; logObject: string; onLogObject(o: string): void }) {
  const t = useT();
  const d = file.detail;
  const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
  const n = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : null);
  if (file.kind === 'access-log') {
    const auto = s('object');
    return (
      <div className="facts">
        <span className="fact" data-testid="fact-format">
          {t('import.fact.format')} <b>{s('format') ?? '—'}</b>
          {d['gzip'] === true && ' · gzip'}
        </span>
        {n('malformedLines') !== null && (n('malformedLines') ?? 0) > 0 && <span className="fact warn">{t('import.fact.malformed', { n: n('malformedLines') ?? 0 })}</span>}
        <label className="fact">
          {t('import.fact.object')}{' '}
          <select value={logObject} onChange={(e) => onLogObject(e.target.value)} data-testid="log-object">
            <option value="">{auto ? t('import.fact.autoObject', { object: auto }) : t('import.fact.allObjects')}</option>
            {objects.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        {offset !== null && <span className="fact muted">UTC{offsetLabel(offset)}</span>}
      </div>
    );
  }
  const from = n('fromMs');
  const to = n('toMs');
  const objs = Array.isArray(d['objects']) ? (d['objects'] as unknown[]).map(String) : [];
  return (
    <div className="facts">
      {s('counter') && (
        <span className="fact" data-testid="fact-counter">
          {t('import.fact.counter')} <b>{s('counter')}</b>
        </span>
      )}
      {s('objType') && (
        <span className="fact">
          {t('import.fact.objType')} <b>{s('objType')}</b>
        </span>
      )}
      {objs.length > 0 && (
        <span className="fact" title={objs.join('\n')}>
          {t('import.fact.objects', { n: objs.length })}
        </span>
      )}
      {from !== null && to !== null && (
        <span className="fact mono">
          {formatDateTime(from)} → {formatDateTime(to)}
        </span>
      )}
      {n('cadenceMs') !== null && <span className="fact">{formatCadence(n('cadenceMs') ?? 0, t)}</span>}
      {s('encoding') && <span className="fact muted">{s('encoding')}</span>}
      {s('decimalMark') && <span className="fact muted">{t('import.fact.decimalMark', { mark: s('decimalMark') ?? '' })}</span>}
      {s('export') && <span className="fact muted">{s('export')}</span>}
    </div>
  );
}

/** Series and outages the dry run found, with the health check it used. */
function PreviewSummary({ preview, logFileCount }: { preview: ImportPreview; logFileCount: number }) {
  const t = useT();
  const locale = useLocale();
  const groups = outagesByObject(preview.outages);
  return (
    <div className="preview-summary" data-testid="preview-summary">
      <dl className="stats">
        <div className="stat">
          <dt>{t('import.stat.objects')}</dt>
          <dd data-testid="preview-object-count">{formatInteger(preview.series.length, locale)}</dd>
        </div>
        <div className="stat">
          <dt>{t('import.stat.counters')}</dt>
          <dd data-testid="preview-counters">{[...new Set(preview.series.flatMap((s) => s.counters))].join(', ') || t('common.none')}</dd>
        </div>
        <div className="stat">
          <dt>{t('import.preview.outages')}</dt>
          <dd data-testid="preview-outage-count">{formatInteger(preview.outages.length, locale)}</dd>
        </div>
        {preview.logs && (
          <div className="stat stat-wide">
            <dt>{t('import.preview.healthCheck')}</dt>
            <dd className="mono" title={preview.logs.detectedReason}>
              {preview.logs.healthCheck ? `${preview.logs.healthCheck.method} ${preview.logs.healthCheck.path}` : t('common.none')}{' '}
              <span className="muted">{preview.logs.detected ? t('import.preview.detected') : t('import.preview.given')}</span>
            </dd>
          </div>
        )}
      </dl>
      {preview.logs && (
        <div className="facts" data-testid="preview-intervals">
          <span className="fact">{t('import.preview.probes', { probes: formatInteger(preview.logs.probes, locale), ok: formatInteger(preview.logs.okProbes, locale), logs: logFileCount })}</span>
          {preview.logs.intervals.map((i) => (
            <span key={`${i.object ?? '*'}|${i.source}`} className="fact mono">
              {i.source}
              {i.object ? ` (${i.object.split('/').pop() ?? i.object})` : ''}: {t('import.preview.every', { interval: formatCadence(i.intervalMs, t) })}
            </span>
          ))}
          {groups.map((g) => (
            <span key={g.object ?? '*'} className="fact">
              {g.object ?? t('labels.allObjects')}: {t('import.preview.outagesOf', { n: g.count, seconds: formatInteger(g.seconds, locale) })}
            </span>
          ))}
        </div>
      )}
      {preview.outages.length > 0 && (
        <details className="preview-outages">
          <summary>{t('import.preview.showOutages', { n: preview.outages.length })}</summary>
          <ul className="mono">
            {preview.outages.slice(0, 200).map((o) => (
              <li key={o.id}>
                {formatInOffset(o.startMs, o.utcOffsetMinutes)} → {formatInOffset(o.endMs, o.utcOffsetMinutes).slice(11)} · {o.seconds} s · {o.object ?? t('labels.allObjects')}
              </li>
            ))}
          </ul>
        </details>
      )}
      {[...preview.objectNotes, ...preview.warnings].length > 0 && (
        <ul className="preview-notes muted">
          {preview.objectNotes.map((n) => (
            <li key={`n-${n}`}>{n}</li>
          ))}
          {preview.warnings.slice(0, 20).map((w, i) => (
            <li key={`w-${i}`} className="warn">
              {w}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
