import { useState } from 'react';
import type { WorkspaceInfo } from '../../shared/ipc/contract';
import type { ReportFile } from '../../shared/domain/runs';
import { toVigilError, useApi, useJob, useRequest } from '../ipc';
import { DataTable, type Column } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { formatDateTime, compactNumber, shortId } from '../ui/format';
import { useLocale, useT } from '../ui/i18n';
import { JobProgressBar } from '../ui/JobProgressBar';
import { NextStep } from '../ui/NextStep';
import { RequestView } from '../ui/RequestView';
import { Section } from '../ui/Section';
import { SegmentedControl } from '../ui/SegmentedControl';
import { downloadFile } from '../compare/export';
import { ReportViewer } from './ReportViewer';
import '../compare/runs.css';

interface ReportResult {
  html: string;
  pdf: string | null;
  pdfError: string | null;
  runId: string | null;
}

/** Reports: generate one (`jobs:start {kind: 'report'}`), list `<workspace>/reports/`, open one in a sandboxed frame, download HTML/PDF. */
export function ReportsArea({ workspace }: { workspace: WorkspaceInfo | null }) {
  const t = useT();
  const api = useApi();
  const uiLocale = useLocale();
  const reports = useRequest('reports:list', {}, { refetchOn: ['runs'] });
  const runs = useRequest('runs:list', {}, { refetchOn: ['runs'] });
  const [locale, setLocale] = useState<'en' | 'ko'>(uiLocale);
  const [pdf, setPdf] = useState(true);
  const [runId, setRunId] = useState('');
  const job = useJob();
  const progress = job.running;
  const [result, setResult] = useState<{ ok: boolean; text: string; warn?: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const comparisons = (runs.data ?? []).filter((r) => r.kind === 'comparison' && r.state === 'succeeded');

  const generate = () => {
    setResult(null);
    job.start<ReportResult>('report', { locale, pdf, ...(runId ? { runId } : {}) }).then(
      (r) => {
        const name = r.html.split(/[\\/]/).pop() ?? r.html;
        setResult({ ok: true, text: t('reports.generate.done', { name }), ...(r.pdfError ? { warn: t('reports.generate.pdfError', { message: r.pdfError }) } : {}) });
        reports.reload();
        setOpen(name.replace(/\.html$/, ''));
      },
      (e: unknown) => {
        const err = toVigilError(e);
        setResult(err.code === 'JOB_CANCELLED' ? null : { ok: false, text: t('reports.generate.failed', { message: err.message }) });
      },
    );
  };

  const download = async (r: ReportFile, kind: 'html' | 'pdf') => {
    const res = await api.invoke('reports:read', { name: r.name, pdf: kind === 'pdf' });
    if (kind === 'html') downloadFile(`${r.name}.html`, res.html, 'text/html;charset=utf-8');
    else if (res.pdfBase64) downloadFile(`${r.name}.pdf`, `data:application/pdf;base64,${res.pdfBase64}`);
  };

  const columns: Column<ReportFile>[] = [
    { id: 'name', header: t('reports.col.name'), cell: (r) => <span title={r.html}>{r.name}</span>, mono: true },
    { id: 'created', header: t('reports.col.created'), cell: (r) => formatDateTime(r.createdAtMs), mono: true },
    { id: 'size', header: t('reports.col.size'), cell: (r) => `${compactNumber(r.bytes / 1024)} KiB`, mono: true, align: 'right' },
    { id: 'pdf', header: t('reports.col.pdf'), cell: (r) => (r.pdf ? <span className="tag">PDF</span> : <span className="muted">{t('reports.noPdf')}</span>) },
    {
      id: 'actions',
      header: t('reports.col.actions'),
      align: 'right',
      cell: (r) => (
        <div className="row-actions">
          <button type="button" className="btn btn-small btn-primary" onClick={() => setOpen(r.name)} data-testid={`report-open-${r.name}`}>
            {t('reports.open')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => void download(r, 'html')}>
            {t('reports.downloadHtml')}
          </button>
          {r.pdf && (
            <button type="button" className="btn btn-small" onClick={() => void download(r, 'pdf')}>
              {t('reports.downloadPdf')}
            </button>
          )}
        </div>
      ),
    },
  ];

  return (
    <>
      <Section title={t('reports.generate.title')} testId="report-generate">
        <div className="pad">
        <div className="form-grid">
          <label className="field">
            <span className="field-label">{t('reports.generate.run')}</span>
            <select value={runId} onChange={(e) => setRunId(e.target.value)} data-testid="report-run">
              <option value="">{t('reports.generate.latest')}</option>
              {comparisons.map((r) => (
                <option key={r.id} value={r.id}>
                  {`${shortId(r.id)} · ${formatDateTime(r.createdAtMs)}`}
                </option>
              ))}
            </select>
          </label>
          <fieldset>
            <legend>{t('locale.label')}</legend>
            <SegmentedControl<'en' | 'ko'>
              label={t('locale.label')}
              value={locale}
              segments={[
                { value: 'en' as const, label: 'English' },
                { value: 'ko' as const, label: '한국어' },
              ]}
              onChange={(v) => setLocale(v)}
              testId="report-locale"
            />
          </fieldset>
          <label className="check" style={{ alignSelf: 'flex-end' }}>
            <input type="checkbox" checked={pdf} onChange={() => setPdf(!pdf)} data-testid="report-pdf" />
            {t('reports.generate.pdf')}
          </label>
        </div>
        {pdf && api.transport === 'loopback' && <p className="field-note muted">{t('reports.generate.pdfNote')}</p>}
        <div className="toolbar">
          <button type="button" className="btn btn-primary" onClick={generate} disabled={progress !== null} data-testid="report-start">
            {progress ? t('reports.generate.running') : t('reports.generate.start')}
          </button>
          {progress && <JobProgressBar job={progress} label={t('reports.generate.running')} onCancel={job.cancel} grow testId="report-progress" />}
        </div>
        {result && (
          <div className={result.ok ? 'notice notice-success' : 'notice notice-error'} role="status" data-testid="report-result">
            {result.text}
            {result.warn && <div className="muted">{result.warn}</div>}
          </div>
        )}
        </div>
      </Section>
      <Section title={t('reports.list.title')} meta={reports.data && reports.data.length > 0 ? t('common.count', { count: reports.data.length }) : undefined} testId="reports-list">
        <RequestView state={reports} what={t('reports.list.what')}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState icon="reports" title={t('reports.empty.title')} body={t('reports.empty.body')} commands={['vigil report']} footer={<NextStep workspace={workspace} />} testId="reports-empty" />
            ) : (
              <DataTable label={t('reports.list.title')} columns={columns} rows={list} rowKey={(r) => r.name} testId="reports-table" rowTestId="report-row" selectedKey={open} />
            )
          }
        </RequestView>
      </Section>
      {open && <ReportViewer name={open} onClose={() => setOpen(null)} />}
    </>
  );
}
