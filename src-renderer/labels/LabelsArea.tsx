import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { defaultLabelSet, type BusinessHours, type LabelSetSummary, type LabelSetVersion } from '../../shared/domain/labels';
import type { Outage } from '../../shared/domain/outage';
import type { VigilError } from '../../shared/errors';
import { formatInOffset, offsetLabel } from '../../shared/domain/time';
import { toVigilError, useApi, useRequest } from '../ipc';
import { isMacPlatform, isTextField } from '../app/shortcuts';
import { DataTable, type Column } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDateTime, formatInteger, formatStatusCounts, shortId } from '../ui/format';
import { useLocale, useT } from '../ui/i18n';
import { RequestView } from '../ui/RequestView';
import { Section } from '../ui/Section';
import { clockToMinute, excludedBands, minuteToClock } from './business-hours';
import { LabelChart, type Range } from './LabelChart';
import { matchLabelKey, outageWindow, stepOutage, zoomWindow, type LabelKeyAction } from './label-keys';
import { nextRedoStack, redoOp } from './label-history';
import { spanToRemove } from './chart-options';
import { rememberedLabelSet, rememberLabelSet } from './chosen-set';
import { GapFactorPanel } from './GapFactorPanel';
import { VersionsPanel } from './VersionsPanel';

/** The business-hours filter as the form holds it (times as `HH:MM` text). */
export interface HoursDraft {
  enabled: boolean;
  start: string;
  end: string;
  weekdaysOnly: boolean;
}

function draftOf(bh: BusinessHours | null): HoursDraft {
  return bh ? { enabled: true, start: minuteToClock(bh.startMinute), end: minuteToClock(bh.endMinute), weekdaysOnly: bh.weekdaysOnly } : { enabled: false, start: '07:00', end: '20:00', weekdaysOnly: false };
}

function hoursOf(d: HoursDraft, utcOffsetMinutes: number): BusinessHours | null | undefined {
  if (!d.enabled) return null;
  const s = clockToMinute(d.start);
  const e = clockToMinute(d.end);
  if (s === null || e === null) return undefined; // invalid
  return { startMinute: s, endMinute: e, weekdaysOnly: d.weekdaysOnly, utcOffsetMinutes };
}

/**
 * The Labels area: every counter of every object on one time axis with the label spans as
 * bands; the outage table (click or j/k to jump); brush + `l` to add a human span, click a band
 * or `u` to remove one, undo/redo; the business-hours filter and the gap threshold k as live
 * controls that store new label-set versions; the versions with a diff.
 */
export function LabelsArea() {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const mac = isMacPlatform(navigator.platform);
  const outages = useRequest('outages:list', {}, { refetchOn: ['outages', 'labels', 'imports'] });
  const sets = useRequest('labels:list', {}, { refetchOn: ['labels', 'outages', 'imports'] });
  const seriesList = useRequest('series:list', {}, { refetchOn: ['series', 'imports'] });

  const [chosenSet, setChosenSet] = useState<string | null>(rememberedLabelSet);
  useEffect(() => rememberLabelSet(chosenSet), [chosenSet]);
  const labelSetId = (sets.data?.some((s) => s.labelSetId === chosenSet) ? chosenSet : null) ?? defaultLabelSet(sets.data ?? [])?.labelSetId ?? null;
  const current = useRequest('labels:get', labelSetId ? { labelSetId } : null, { refetchOn: ['labels'] });
  const versions = useRequest('labels:versions', labelSetId ? { labelSetId } : null, { refetchOn: ['labels'] });

  const objects = useMemo(() => (seriesList.data ?? []).map((s) => s.object), [seriesList.data]);
  const counters = useMemo(() => [...new Set((seriesList.data ?? []).flatMap((s) => s.counters))], [seriesList.data]);
  const bounds = useMemo(() => {
    const list = seriesList.data ?? [];
    if (list.length === 0) return null;
    return { fromMs: Math.min(...list.map((s) => s.fromMs)), toMs: Math.max(...list.map((s) => s.toMs)) };
  }, [seriesList.data]);
  /** The finest sampling interval of the data (the chart fetches no finer points than exist). */
  const cadenceMs = useMemo(() => {
    const c = Math.min(...(seriesList.data ?? []).map((s) => s.cadenceMs).filter((x) => x > 0));
    return Number.isFinite(c) ? c : 0;
  }, [seriesList.data]);
  const [hiddenObjects, setHiddenObjects] = useState<ReadonlySet<string>>(new Set());
  const [hiddenCounters, setHiddenCounters] = useState<ReadonlySet<string>>(new Set());
  const visibleObjects = useMemo(() => objects.filter((o) => !hiddenObjects.has(o)), [objects, hiddenObjects]);
  const visibleCounters = useMemo(() => counters.filter((c) => !hiddenCounters.has(c)), [counters, hiddenCounters]);

  const [view, setView] = useState<Range | null>(null);
  const [selection, setSelection] = useState<Range | null>(null);
  const [brush, setBrush] = useState(false);
  const [currentOutage, setCurrentOutage] = useState<number | null>(null);
  const [scope, setScope] = useState<string>(''); // '' = all objects
  const [editError, setEditError] = useState<VigilError | null>(null);
  const [busy, setBusy] = useState(false);
  const [redoStack, setRedoStack] = useState<number[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  // Business hours: the draft shades the chart at once; Apply stores it as a version.
  const [hours, setHours] = useState<HoursDraft>(draftOf(null));
  const loadedRulesFor = useRef<string | null>(null);
  const cur = current.data;
  useEffect(() => {
    if (!cur) return;
    const key = `${cur.labelSetId}@${cur.version}`;
    if (loadedRulesFor.current === key) return;
    loadedRulesFor.current = key;
    setHours(draftOf(cur.rules.businessHours));
  }, [cur]);
  useEffect(() => setRedoStack([]), [labelSetId]);

  const offset = cur?.rules.businessHours?.utcOffsetMinutes ?? outages.data?.[0]?.utcOffsetMinutes ?? -new Date().getTimezoneOffset();
  const draftHours = hoursOf(hours, offset);
  const shownRange = view ?? bounds;
  const excluded = useMemo(() => (shownRange && draftHours ? (excludedBands(shownRange.fromMs, shownRange.toMs, draftHours) ?? []) : []), [shownRange, draftHours]);

  const outageList = outages.data ?? [];
  const jumpTo = useCallback(
    (i: number | null) => {
      setCurrentOutage(i);
      const o = i === null ? undefined : outageList[i];
      if (!o || !bounds) return;
      setView(outageWindow(o, bounds));
      setSelection(null);
      document.querySelector(`[data-testid="outage-row"][data-index="${i}"]`)?.scrollIntoView({ block: 'nearest' });
    },
    [outageList, bounds],
  );

  /** Runs one label edit; keeps the redo stack; shows errors where they happen. */
  const apply = useCallback(
    async (op: () => Promise<LabelSetVersion>, viaRedo = false) => {
      setBusy(true);
      setEditError(null);
      setMessage(null);
      try {
        const v = await op();
        setRedoStack((s) => nextRedoStack(s, v, viaRedo));
      } catch (e) {
        setEditError(toVigilError(e));
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  const label = useCallback(() => {
    if (!labelSetId) return;
    const r = selection;
    if (!r || r.toMs <= r.fromMs) {
      setMessage(t('labels.edit.needSelection'));
      return;
    }
    void apply(() => api.invoke('labels:edit', { labelSetId, edit: { kind: 'add-span', span: { object: scope === '' ? null : scope, startMs: Math.round(r.fromMs), endMs: Math.round(r.toMs) } } })).then(() => setSelection(null));
  }, [api, apply, labelSetId, scope, selection, t]);

  const removeSpan = useCallback(
    (spanId: string) => {
      if (!labelSetId) return;
      void apply(() => api.invoke('labels:edit', { labelSetId, edit: { kind: 'remove-span', spanId } }));
    },
    [api, apply, labelSetId],
  );

  const unlabel = useCallback(() => {
    if (!cur) return;
    const o = currentOutage === null ? undefined : outageList[currentOutage];
    const r = selection ?? (o ? { fromMs: o.startMs, toMs: o.endMs } : null);
    if (!r) {
      setMessage(t('labels.edit.needSelection'));
      return;
    }
    const s = spanToRemove(cur.spans, r, new Set(visibleObjects));
    if (!s) {
      setMessage(t('labels.edit.noSpanHere'));
      return;
    }
    removeSpan(s.id);
  }, [cur, currentOutage, outageList, removeSpan, selection, t, visibleObjects]);

  const undo = useCallback(() => {
    if (!labelSetId) return;
    void apply(() => api.invoke('labels:edit', { labelSetId, edit: { kind: 'undo' } }));
  }, [api, apply, labelSetId]);

  const redo = useCallback(() => {
    const top = redoStack[redoStack.length - 1];
    if (!labelSetId || top === undefined) {
      setMessage(t('labels.edit.nothingToRedo'));
      return;
    }
    void apply(async () => {
      const undone = await api.invoke('labels:get', { labelSetId, version: top });
      const op = redoOp(undone);
      if (!op) throw new Error(`version ${top} cannot be redone`);
      switch (op.channel) {
        case 'labels:edit':
          return api.invoke(op.channel, op.request);
        case 'labels:set-rules':
          return api.invoke(op.channel, op.request);
        case 'labels:replace-spans':
          return api.invoke(op.channel, op.request);
      }
    }, true);
  }, [api, apply, labelSetId, redoStack, t]);

  const zoom = useCallback(
    (factor: number) => {
      if (!bounds) return;
      setView((v) => {
        const next = zoomWindow(v ?? bounds, bounds, factor);
        return next.fromMs <= bounds.fromMs && next.toMs >= bounds.toMs ? null : next;
      });
    },
    [bounds],
  );

  const onKey = useCallback(
    (action: LabelKeyAction) => {
      switch (action) {
        case 'next-outage':
          jumpTo(stepOutage(currentOutage, outageList.length, 1));
          break;
        case 'previous-outage':
          jumpTo(stepOutage(currentOutage, outageList.length, -1));
          break;
        case 'zoom-in':
          zoom(0.5);
          break;
        case 'zoom-out':
          zoom(2);
          break;
        case 'label':
          label();
          break;
        case 'unlabel':
          unlabel();
          break;
        case 'undo':
          undo();
          break;
        case 'redo':
          redo();
          break;
      }
    },
    [currentOutage, jumpTo, label, outageList.length, redo, undo, unlabel, zoom],
  );
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  const busyRef = useRef(busy);
  busyRef.current = busy;
  useEffect(() => {
    const handler = (e: KeyboardEvent) => {
      if (e.isComposing || e.defaultPrevented) return;
      if (document.querySelector('[role="dialog"]')) return; // a modal owns the keyboard
      const action = matchLabelKey(
        { key: e.key, code: e.code, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, shiftKey: e.shiftKey, inTextField: isTextField(document.activeElement) },
        mac,
      );
      if (!action) return;
      e.preventDefault();
      if (busyRef.current && ['label', 'unlabel', 'undo', 'redo'].includes(action)) return;
      onKeyRef.current(action);
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, [mac]);

  const setColumns: Column<LabelSetSummary>[] = [
    { id: 'name', header: t('labels.col.name'), cell: (s) => s.name },
    { id: 'source', header: t('labels.col.source'), cell: (s) => <span className={s.source === 'model' ? 'tag tag-model' : 'tag'} title={s.source === 'model' ? t('labels.source.modelHint') : undefined}>{t(`labels.source.${s.source}`)}</span> },
    { id: 'id', header: t('labels.col.id'), cell: (s) => <span title={s.labelSetId}>{shortId(s.labelSetId)}</span>, mono: true },
    { id: 'version', header: t('labels.col.version'), cell: (s) => `v${s.latestVersion}`, align: 'right', mono: true },
    { id: 'spans', header: t('labels.col.spans'), cell: (s) => formatInteger(s.spans, locale), align: 'right' },
    { id: 'created', header: t('labels.col.created'), cell: (s) => formatDateTime(s.createdAtMs), mono: true, align: 'right' },
  ];

  const noData = seriesList.data?.length === 0 && outages.data?.length === 0 && !seriesList.error && !outages.error;
  if (noData) {
    return <EmptyState icon="labels" title={t('labels.empty.title')} body={t('labels.empty.body')} commands={['vigil demo']} testId="labels-empty" />;
  }

  const toggle = (set: ReadonlySet<string>, key: string) => {
    const n = new Set(set);
    if (n.has(key)) n.delete(key);
    else n.add(key);
    return n;
  };

  const hoursApplyDisabled = busy || !cur || draftHours === undefined || JSON.stringify(draftHours) === JSON.stringify(cur.rules.businessHours);

  return (
    <>
      {bounds && (
        <Section
          title={t('labels.chart.title')}
          meta={
            <span className="legend">
              <span className="legend-item">
                <span className="swatch swatch-health-check" aria-hidden="true" />
                {t('labels.legend.healthCheck')}
              </span>
              <span className="legend-item">
                <span className="swatch swatch-human" aria-hidden="true" />
                {t('labels.legend.human')}
              </span>
              <span className="legend-item">
                <span className="swatch swatch-model" aria-hidden="true" />
                {t('labels.legend.model')}
              </span>
              <span className="legend-item">
                <span className="swatch swatch-excluded" aria-hidden="true" />
                {t('labels.legend.excluded')}
              </span>
            </span>
          }
          testId="labels-chart"
        >
          <div className="section-pad">
            <div className="chip-row" role="group" aria-label={t('labels.chart.objects')}>
              <span className="chip-label">{t('labels.chart.objects')}</span>
              {objects.map((o, i) => (
                <button
                  key={o}
                  type="button"
                  className={`chip chip-series-${(i % 8) + 1}`}
                  aria-pressed={!hiddenObjects.has(o)}
                  onClick={() => setHiddenObjects((s) => toggle(s, o))}
                  data-testid="object-toggle"
                  title={o}
                >
                  <span className="chip-dot" aria-hidden="true" />
                  {o.split('/').filter(Boolean).pop() ?? o}
                </button>
              ))}
            </div>
            <div className="chip-row" role="group" aria-label={t('labels.chart.counters')}>
              <span className="chip-label">{t('labels.chart.counters')}</span>
              {counters.map((c) => (
                <button key={c} type="button" className="chip" aria-pressed={!hiddenCounters.has(c)} onClick={() => setHiddenCounters((s) => toggle(s, c))} data-testid="counter-toggle">
                  {c}
                </button>
              ))}
            </div>
            <div className="toolbar labels-toolbar">
              <button type="button" className={`btn btn-small${brush ? ' btn-active' : ''}`} aria-pressed={brush} onClick={() => setBrush((b) => !b)} data-testid="brush-toggle">
                {t('labels.tool.brush')}
              </button>
              <label className="field-inline">
                <span>{t('labels.tool.scope')}</span>
                <select value={scope} onChange={(e) => setScope(e.target.value)} data-testid="label-scope">
                  <option value="">{t('labels.allObjects')}</option>
                  {objects.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" className="btn btn-small btn-primary" onClick={label} disabled={busy || !selection || !labelSetId} data-testid="label-add">
                {t('labels.tool.label')} <kbd>L</kbd>
              </button>
              <button type="button" className="btn btn-small" onClick={unlabel} disabled={busy || !cur} data-testid="label-remove">
                {t('labels.tool.unlabel')} <kbd>U</kbd>
              </button>
              <button type="button" className="btn btn-small" onClick={undo} disabled={busy || !labelSetId} data-testid="label-undo">
                {t('labels.tool.undo')}
              </button>
              <button type="button" className="btn btn-small" onClick={redo} disabled={busy || redoStack.length === 0} data-testid="label-redo">
                {t('labels.tool.redo')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => zoom(0.5)} aria-label={t('labels.tool.zoomIn')}>
                +
              </button>
              <button type="button" className="btn btn-small" onClick={() => zoom(2)} aria-label={t('labels.tool.zoomOut')}>
                −
              </button>
              <button type="button" className="btn btn-small" onClick={() => setView(null)} disabled={view === null} data-testid="zoom-reset">
                {t('labels.tool.reset')}
              </button>
              <span className={`selection-readout${selection ? ' mono' : ''}`} data-testid="selection" data-empty={selection === null}>
                {selection ? `${formatInOffset(selection.fromMs, offset)} → ${formatInOffset(selection.toMs, offset).slice(11)} (UTC${offsetLabel(offset)})` : brush ? t('labels.tool.dragHint') : t('labels.tool.brushHint')}
              </span>
            </div>
            {message && (
              <p className="inline-note" role="status" data-testid="labels-message">
                {message}
              </p>
            )}
            {editError && <ErrorNotice title={t('labels.edit.failed')} error={editError} />}
            {current.error && <ErrorNotice title={t('common.errorTitle', { what: t('labels.what.sets') })} error={current.error} onRetry={current.reload} />}
            {visibleCounters.length === 0 || visibleObjects.length === 0 ? (
              <p className="muted">{t('labels.chart.nothingShown')}</p>
            ) : (
              <LabelChart
                objects={objects}
                visibleObjects={visibleObjects}
                counters={visibleCounters}
                bounds={bounds}
                cadenceMs={cadenceMs}
                view={view}
                spans={cur?.spans ?? []}
                excluded={excluded}
                brush={brush}
                selection={selection}
                onView={setView}
                onSelection={setSelection}
                onBandClick={removeSpan}
              />
            )}
          </div>
        </Section>
      )}

      <OutageSection data={outages.data} error={outages.error} loading={outages.loading} reload={outages.reload} currentOutage={currentOutage} onJump={jumpTo} />

      {labelSetId && cur && (
        <div className="panel-pair">
          <Section title={t('labels.hours.title')} testId="labels-hours">
            <div className="section-pad">
              <p className="muted">{t('labels.hours.body', { offset: offsetLabel(offset) })}</p>
              <div className="form-row">
                <label className="field-inline">
                  <input type="checkbox" checked={hours.enabled} onChange={(e) => setHours({ ...hours, enabled: e.target.checked })} data-testid="hours-enabled" />
                  <span>{t('labels.hours.enabled')}</span>
                </label>
                <label className="field-inline">
                  <span>{t('labels.hours.start')}</span>
                  <input type="time" value={hours.start} disabled={!hours.enabled} onChange={(e) => setHours({ ...hours, start: e.target.value })} data-testid="hours-start" />
                </label>
                <label className="field-inline">
                  <span>{t('labels.hours.end')}</span>
                  <input type="time" value={hours.end} disabled={!hours.enabled} onChange={(e) => setHours({ ...hours, end: e.target.value })} data-testid="hours-end" />
                </label>
                <label className="field-inline">
                  <input type="checkbox" checked={hours.weekdaysOnly} disabled={!hours.enabled} onChange={(e) => setHours({ ...hours, weekdaysOnly: e.target.checked })} data-testid="hours-weekdays" />
                  <span>{t('labels.hours.weekdays')}</span>
                </label>
              </div>
              {draftHours === undefined && <p className="inline-error">{t('labels.hours.invalid')}</p>}
              <div className="toolbar">
                <button
                  type="button"
                  className="btn btn-primary btn-small"
                  disabled={hoursApplyDisabled}
                  onClick={() => {
                    if (draftHours === undefined) return;
                    void apply(() => api.invoke('labels:set-rules', { labelSetId, rules: { gapFactor: cur.rules.gapFactor, businessHours: draftHours } }));
                  }}
                  data-testid="hours-apply"
                >
                  {t('labels.hours.apply')}
                </button>
                <button type="button" className="btn btn-small" disabled={busy} onClick={() => setHours(draftOf(cur.rules.businessHours))}>
                  {t('labels.hours.revert')}
                </button>
              </div>
            </div>
          </Section>
          {/* a model's flags are not derived from health-check gaps: no k to try on them */}
          {sets.data?.find((x) => x.labelSetId === labelSetId)?.source !== 'model' && <GapFactorPanel current={cur} currentOutages={outageList} busy={busy} onApply={(op) => apply(op)} />}
        </div>
      )}

      {labelSetId && (
        <VersionsPanel labelSetId={labelSetId} versions={versions} sets={sets.data ?? []} onChooseSet={setChosenSet} offset={offset} />
      )}

      <Section title={t('labels.sets.title')} meta={sets.data && sets.data.length > 0 ? t('common.count', { count: sets.data.length }) : undefined} testId="labels-sets">
        <RequestView state={sets} what={t('labels.what.sets')}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState icon="labels" title={t('labels.sets.empty.title')} body={t('labels.sets.empty.body')} commands={['vigil label']} testId="label-sets-empty" />
            ) : (
              <DataTable label={t('labels.sets.title')} columns={setColumns} rows={list} rowKey={(s) => s.labelSetId} testId="label-sets-table" />
            )
          }
        </RequestView>
      </Section>
    </>
  );
}

/**
 * The outage table (click a row to jump there). Memoised, with stable props: a zoom or pan changes
 * the area's view state, and re-rendering a table of every outage for each settled window would
 * be work the interaction pays for (issue #6: zoom/pan under 100 ms).
 */
const OutageSection = memo(function OutageSection({
  data,
  error,
  loading,
  reload,
  currentOutage,
  onJump,
}: {
  data: Outage[] | undefined;
  error: VigilError | null;
  loading: boolean;
  reload(): void;
  currentOutage: number | null;
  onJump(i: number): void;
}) {
  const t = useT();
  const locale = useLocale();
  const outages = useMemo(() => ({ data, error, loading, reload }), [data, error, loading, reload]);
  const offsets = useMemo(() => new Set((data ?? []).map((o) => o.utcOffsetMinutes)), [data]);
  const outageColumns = useMemo<Column<Outage>[]>(
    () => [
      { id: 'date', header: t('labels.col.date'), cell: (o) => formatInOffset(o.startMs, o.utcOffsetMinutes).slice(0, 10), mono: true },
      { id: 'from', header: t('labels.col.from'), cell: (o) => formatInOffset(o.startMs, o.utcOffsetMinutes).slice(11), mono: true },
      {
        id: 'to',
        header: t('labels.col.to'),
        cell: (o) => {
          const from = formatInOffset(o.startMs, o.utcOffsetMinutes);
          const to = formatInOffset(o.endMs, o.utcOffsetMinutes);
          // Only the time when the outage ends the day it started.
          return to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to;
        },
        mono: true,
      },
      { id: 'seconds', header: t('labels.col.seconds'), cell: (o) => formatInteger(o.seconds, locale), align: 'right' },
      { id: 'object', header: t('labels.col.object'), cell: (o) => o.object ?? <span className="muted">{t('labels.allObjects')}</span>, mono: true },
      { id: 'sources', header: t('labels.col.sources'), cell: (o) => o.evidence.sources.join(', ') || t('common.none'), mono: true },
      {
        id: 'statuses',
        header: t('labels.col.statuses'),
        cell: (o) => (
          <span className="statuses">
            <span className={`tag tag-${o.evidence.kind}`}>{t(`labels.kind.${o.evidence.kind}`)}</span>
            <span className="mono">{formatStatusCounts(o.evidence.statusCounts)}</span>
          </span>
        ),
      },
    ],
    [t, locale],
  );
  return (
    <Section
      title={t('labels.outages.title')}
      meta={
        outages.data && outages.data.length > 0 ? (
          <>
            {offsets.size === 1 && <span>{t('labels.outages.offset', { offset: offsetLabel([...offsets][0] ?? 0) })}</span>}
            <span data-testid="outage-count">{t('common.count', { count: outages.data.length })}</span>
          </>
        ) : undefined
      }
      testId="labels-outages"
    >
      <RequestView state={outages} what={t('labels.what.outages')}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState icon="labels" title={t('labels.outages.empty.title')} body={t('labels.outages.empty.body')} commands={['vigil gaps', 'vigil demo']} testId="outages-empty" />
          ) : (
            <>
              <p className="muted table-hint">{t('labels.outages.hint')}</p>
              <DataTable
                label={t('labels.outages.title')}
                columns={outageColumns}
                rows={list}
                rowKey={(o) => o.id}
                testId="outages-table"
                rowTestId="outage-row"
                onRowClick={(_, i) => onJump(i)}
                selectedKey={currentOutage === null ? null : (list[currentOutage]?.id ?? null)}
              />
            </>
          )
        }
      </RequestView>
    </Section>
  );
});
