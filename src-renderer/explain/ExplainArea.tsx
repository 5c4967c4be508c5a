import { useEffect, useMemo, useRef, useState } from 'react';
import type { ExplainCandidate } from '../../shared/domain/explain';
import type { WorkspaceInfo } from '../../shared/ipc/contract';
import { isTextField } from '../app/shortcuts';
import { useRequest } from '../ipc';
import { DataTable, type Column } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { formatDateTime, shortId } from '../ui/format';
import { useT } from '../ui/i18n';
import { NextStep } from '../ui/NextStep';
import { RequestView } from '../ui/RequestView';
import { Section } from '../ui/Section';
import { AveragedPanel } from './AveragedPanel';
import { useExplainColors } from './colors';
import { EmbeddingPanel } from './EmbeddingPanel';
import { ExplainChart } from './ExplainChart';
import { formatValue, timelineOption } from './explain-options';
import { defaultModel, explainableRuns, modelsOf, settingsOf, stepCandidate } from './explain-pick';
import { WindowView } from './WindowView';
import './explain.css';

/**
 * The Explain area (issue #6 item 5, METHODS.md §7): pick run → setting → model (→ fold), then a
 * window — from the outage windows, the model's false positives / negatives, the timeline or the
 * embedding scatter — and see why it scored as it did. Everything shown is the engine's answer
 * (`explain:*`); nothing is drawn before it arrives.
 */
export function ExplainArea({ workspace }: { workspace: WorkspaceInfo | null }) {
  const t = useT();
  const runs = useRequest('runs:list', {}, { refetchOn: ['runs'] });
  const list = useMemo(() => explainableRuns(runs.data ?? []), [runs.data]);
  const [runChoice, setRunChoice] = useState<string | null>(null);
  const runId = runChoice && list.some((r) => r.id === runChoice) ? runChoice : (list[0]?.id ?? null);
  const detail = useRequest('runs:get', runId ? { runId } : null, { refetchOn: ['runs'] });
  const settings = settingsOf(detail.data);
  const [settingChoice, setSettingChoice] = useState<string | null>(null);
  const setting = settingChoice && settings.includes(settingChoice) ? settingChoice : (settings[0] ?? null);
  const models = modelsOf(detail.data, setting);
  const [modelChoice, setModelChoice] = useState<string | null>(null);
  const model = modelChoice && models.includes(modelChoice) ? modelChoice : defaultModel(models);
  const [fold, setFold] = useState<number | null>(null);
  const [windowIndex, setWindowIndex] = useState<number | null>(null);
  const [method, setMethod] = useState<string | null>(null);

  const ready = runId !== null && setting !== null && model !== null;
  const candidates = useRequest('explain:windows', ready ? { runId, model, setting, limit: 500 } : null, { refetchOn: ['runs'] });
  const candidateList = candidates.data ?? [];
  // A new run / model: the chosen window no longer belongs to it.
  useEffect(() => setWindowIndex(null), [runId, setting, model]);
  // Open the first outage window once the candidates arrive (the likeliest question), never an invented one.
  useEffect(() => {
    if (windowIndex === null && candidates.data && candidates.data.length > 0) setWindowIndex((candidates.data.find((c) => c.kind === 'outage') ?? candidates.data[0])!.windowIndex);
  }, [candidates.data, windowIndex]);
  const explanation = useRequest('explain:window', ready && windowIndex !== null ? { runId, model, setting, windowIndex, ...(fold === null ? {} : { fold }) } : null, { refetchOn: ['runs'] });

  // j / k (and n / p): next / previous candidate window.
  const step = useRef((_: 1 | -1) => undefined as void);
  step.current = (s) => setWindowIndex((cur) => stepCandidate(candidateList, cur, s));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTextField(document.activeElement) || document.querySelector('[role="dialog"]')) return;
      if (e.key === 'j' || e.key === 'n') step.current(1);
      else if (e.key === 'k' || e.key === 'p') step.current(-1);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (runs.data && list.length === 0) {
    return <EmptyState icon="explain" title={t('explain.noRuns.title')} body={t('explain.noRuns.body')} commands={['vigil compare', 'vigil explain']} footer={<NextStep workspace={workspace} />} testId="explain-empty" />;
  }

  const foldCount = detail.data?.groups.find((g) => g.setting === setting)?.folds ?? 0;
  return (
    <RequestView state={runs} what={t('explain.what.runs')}>
      {() => (
        <div className="explain-area" data-testid="explain-area">
          <div className="explain-pickers" role="group" aria-label={t('area.explain.subtitle')}>
            <label>
              {t('explain.pick.run')}
              <select value={runId ?? ''} onChange={(e) => setRunChoice(e.target.value)} data-testid="explain-run">
                {list.map((r) => (
                  <option key={r.id} value={r.id}>
                    {shortId(r.id)} · {formatDateTime(r.createdAtMs)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('explain.pick.setting')}
              <select value={setting ?? ''} onChange={(e) => setSettingChoice(e.target.value)} data-testid="explain-setting">
                {settings.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('explain.pick.model')}
              <select value={model ?? ''} onChange={(e) => setModelChoice(e.target.value)} data-testid="explain-model">
                {models.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('explain.pick.fold')}
              <select value={fold === null ? '' : String(fold)} onChange={(e) => setFold(e.target.value === '' ? null : Number(e.target.value))} data-testid="explain-fold">
                <option value="">{t('explain.pick.foldAuto')}</option>
                {Array.from({ length: foldCount }, (_, i) => (
                  <option key={i} value={i}>
                    {i}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {detail.error && <RequestView state={detail} what={t('explain.what.runs')}>{() => null}</RequestView>}
          {ready && (
            <>
              <Section title={t('explain.candidates.title')} meta={<span className="muted">{t('explain.candidates.meta', { count: candidateList.length })}</span>} testId="explain-candidates">
                <RequestView state={candidates} what={t('explain.what.candidates')}>
                  {(cs) => (cs.length === 0 ? <p className="muted">{t('explain.candidates.empty')}</p> : <Candidates list={cs} selected={windowIndex} onPick={setWindowIndex} />)}
                </RequestView>
              </Section>
              <Section title={windowIndex === null ? t('explain.window.none') : t('explain.window.title', { index: windowIndex })} testId="explain-window-section">
                {windowIndex === null ? (
                  <p className="muted">{t('explain.window.none')}</p>
                ) : (
                  <RequestView state={explanation} what={t('explain.what.window')}>
                    {(e) => <WindowView e={e} method={method} onMethod={setMethod} />}
                  </RequestView>
                )}
              </Section>
              <Section title={t('explain.avg.title')} testId="explain-avg-section">
                <AveragedPanel key={`${runId}|${model}|${setting}`} runId={runId} model={model} setting={setting} method={method} />
              </Section>
              <Section title={t('explain.emb.title')} testId="explain-emb-section">
                <EmbeddingPanel key={`${runId}|${model}|${setting}`} runId={runId} model={model} setting={setting} fold={fold ?? explanation.data?.fold ?? null} selected={windowIndex} onPick={setWindowIndex} />
              </Section>
            </>
          )}
        </div>
      )}
    </RequestView>
  );
}

/** The candidate windows: a timeline (click a point) above the table (click a row). */
function Candidates({ list, selected, onPick }: { list: readonly ExplainCandidate[]; selected: number | null; onPick(windowIndex: number): void }) {
  const t = useT();
  const colors = useExplainColors();
  const kindName = (k: ExplainCandidate['kind']) => t(`explain.kind.${k}`);
  const option = useMemo(() => timelineOption(list, (k) => t(`explain.kind.${k}`), colors, selected), [list, colors, selected, t]);
  const columns: Column<ExplainCandidate>[] = [
    { id: 'kind', header: t('explain.col.kind'), cell: (c) => <span className={`tag tag-explain-${c.kind}`}>{kindName(c.kind)}</span> },
    { id: 'object', header: t('explain.col.object'), cell: (c) => c.object, mono: true },
    { id: 'end', header: t('explain.col.end'), cell: (c) => formatDateTime(c.endMs), mono: true },
    { id: 'label', header: t('explain.col.label'), cell: (c) => c.label, align: 'right' },
    { id: 'score', header: t('explain.col.score'), cell: (c) => formatValue(c.score), align: 'right', mono: true },
    { id: 'fold', header: t('explain.col.fold'), cell: (c) => c.fold, align: 'right' },
  ];
  return (
    <>
      <ExplainChart
        title={t('explain.timeline.title')}
        option={option}
        height={170}
        testId="explain-timeline"
        fileName="explain-candidates"
        onPoint={(v) => {
          const w = v[2];
          if (w !== undefined) onPick(w);
        }}
      />
      <div className="explain-table">
        <DataTable label={t('explain.candidates.title')} columns={columns} rows={list} rowKey={(c) => `${c.kind}:${c.windowIndex}`} selectedKey={selected === null ? null : (list.find((c) => c.windowIndex === selected) ? `${list.find((c) => c.windowIndex === selected)!.kind}:${selected}` : null)} onRowClick={(c) => onPick(c.windowIndex)} rowTestId="explain-candidate" testId="explain-candidate-table" />
      </div>
    </>
  );
}
