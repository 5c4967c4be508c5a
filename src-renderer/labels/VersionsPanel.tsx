import { useEffect, useState } from 'react';
import type { LabelSetSummary, LabelSpan, LabelVersionSummary } from '../../shared/domain/labels';
import type { RequestState } from '../ipc';
import { useRequest } from '../ipc';
import { formatInOffset } from '../../shared/domain/time';
import { formatDateTime, formatInteger } from '../ui/format';
import { useLocale, useT } from '../ui/i18n';
import { RequestView } from '../ui/RequestView';
import { Section } from '../ui/Section';
import { editFacts } from './label-history';

/**
 * The history of the label set (`labels:versions`): every edit is a version, nothing is
 * overwritten (DESIGN.md §3). Pick two versions (A, B) to see the spans B adds and removes
 * (`labels:diff`).
 */
export function VersionsPanel({
  labelSetId,
  versions,
  sets,
  onChooseSet,
  offset,
}: {
  /** UTC offset (minutes) span times are printed in: the log's own, like the outage table. */
  offset: number;
  labelSetId: string;
  versions: RequestState<LabelVersionSummary[]>;
  sets: readonly LabelSetSummary[];
  onChooseSet(id: string): void;
}) {
  const t = useT();
  const locale = useLocale();
  const list = versions.data ?? [];
  const latest = list[list.length - 1]?.version ?? null;
  const [a, setA] = useState<number | null>(null);
  const [b, setB] = useState<number | null>(null);
  // Follow the newest versions until the user picks.
  const [picked, setPicked] = useState(false);
  useEffect(() => {
    if (picked || latest === null) return;
    setB(latest);
    setA(latest > 1 ? latest - 1 : null);
  }, [latest, picked]);
  useEffect(() => setPicked(false), [labelSetId]);
  const diff = useRequest('labels:diff', a !== null && b !== null && a !== b ? { labelSetId, a, b } : null, { refetchOn: ['labels'] });

  return (
    <Section
      title={t('labels.versions.title')}
      meta={
        <>
          {sets.length > 1 && (
            <select value={labelSetId} onChange={(e) => onChooseSet(e.target.value)} aria-label={t('labels.versions.set')} data-testid="label-set-select">
              {sets.map((s) => (
                <option key={s.labelSetId} value={s.labelSetId}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
          <span data-testid="version-count" data-count={versions.data ? list.length : undefined}>{t('labels.versions.count', { count: list.length })}</span>
        </>
      }
      testId="labels-versions"
    >
      <RequestView state={versions} what={t('labels.what.versions')}>
        {(rows) => (
          <div className="versions-layout section-pad">
            <div className="table-wrap versions-table">
              <table className="data-table" aria-label={t('labels.versions.title')} data-testid="versions-table">
                <thead>
                  <tr>
                    <th scope="col">A</th>
                    <th scope="col">B</th>
                    <th scope="col" className="num">
                      {t('labels.versions.version')}
                    </th>
                    <th scope="col">{t('labels.versions.edit')}</th>
                    <th scope="col" className="num">
                      {t('labels.col.spans')}
                    </th>
                    <th scope="col" className="num">
                      {t('labels.col.created')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...rows].reverse().map((v) => {
                    const f = editFacts(v.edit);
                    return (
                      <tr key={v.version} data-testid="version-row" data-version={v.version}>
                        <td>
                          <input
                            type="radio"
                            name="diff-a"
                            checked={a === v.version}
                            onChange={() => {
                              setPicked(true);
                              setA(v.version);
                            }}
                            aria-label={t('labels.versions.pickA', { version: v.version })}
                          />
                        </td>
                        <td>
                          <input
                            type="radio"
                            name="diff-b"
                            checked={b === v.version}
                            onChange={() => {
                              setPicked(true);
                              setB(v.version);
                            }}
                            aria-label={t('labels.versions.pickB', { version: v.version })}
                          />
                        </td>
                        <td className="num mono">v{v.version}</td>
                        <td>
                          <span className="tag">{t(`labels.edit.${f.kind}`)}</span> <span className="mono muted">{f.detail}</span>
                        </td>
                        <td className="num">{formatInteger(v.spans, locale)}</td>
                        <td className="num mono" title={formatDateTime(v.createdAtMs)}>{formatDateTime(v.createdAtMs).slice(5)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div className="diff-panel" data-testid="version-diff">
              <h3 className="diff-title">{a !== null && b !== null ? t('labels.versions.diffTitle', { a, b }) : t('labels.versions.pickTwo')}</h3>
              {a !== null && b !== null && a === b && <p className="muted">{t('labels.versions.same')}</p>}
              {diff.data && (
                <>
                  {diff.data.added.length === 0 && diff.data.removed.length === 0 && <p className="muted">{t('labels.versions.noChange')}</p>}
                  <SpanList spans={diff.data.added} sign="+" offset={offset} testId="diff-added" />
                  <SpanList spans={diff.data.removed} sign="−" offset={offset} testId="diff-removed" />
                </>
              )}
              {diff.error && <p className="inline-error">{diff.error.message}</p>}
            </div>
          </div>
        )}
      </RequestView>
    </Section>
  );
}

function SpanList({ spans, sign, offset, testId }: { spans: readonly LabelSpan[]; sign: string; offset: number; testId: string }) {
  const t = useT();
  if (spans.length === 0) return null;
  return (
    <ul className={`diff-list mono ${sign === '+' ? 'diff-added' : 'diff-removed'}`} data-testid={testId}>
      {spans.slice(0, 100).map((s) => (
        <li key={s.id}>
          {sign} {spanText(s, offset)} · {t(`labels.provenance.${s.provenance}`)} · {s.object ?? t('labels.allObjects')}
        </li>
      ))}
      {spans.length > 100 && <li>… {spans.length - 100}</li>}
    </ul>
  );
}

/** `2024-03-22 13:08:02 → 13:20:00`, the end's date only when it is another day (log offset). */
function spanText(s: LabelSpan, offset: number): string {
  const a = formatInOffset(s.startMs, offset);
  const b = formatInOffset(s.endMs, offset);
  return `${a} → ${a.slice(0, 10) === b.slice(0, 10) ? b.slice(11) : b}`;
}
