import { useRequest } from '../ipc';
import { useT } from '../ui/i18n';
import { RequestView } from '../ui/RequestView';
import { Section } from '../ui/Section';

/**
 * A report as written, in a frame with `sandbox=""` (no script, no same origin, no navigation):
 * the report is self-contained HTML without script, so nothing is lost.
 */
export function ReportViewer({ name, onClose }: { name: string; onClose(): void }) {
  const t = useT();
  const report = useRequest('reports:read', { name }, { refetchOn: 'never' });
  return (
    <Section
      title={t('reports.viewer.title', { name })}
      meta={
        <button type="button" className="btn btn-small" onClick={onClose} data-testid="report-close">
          {t('reports.viewer.close')}
        </button>
      }
      testId="report-viewer"
    >
      <div className="pad">
        <RequestView state={report} what={t('reports.viewer.what')}>
          {(r) => <iframe className="report-frame" title={t('reports.viewer.frame', { name })} sandbox="" srcDoc={r.html} data-testid="report-frame" />}
        </RequestView>
      </div>
    </Section>
  );
}
