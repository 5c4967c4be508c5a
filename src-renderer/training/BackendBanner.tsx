import { useRequest } from '../ipc';
import { useT } from '../ui/i18n';
import { RequestView } from '../ui/RequestView';

/** The backend training runs on, and why each better one was passed over (DESIGN.md §4). */
export function BackendBanner() {
  const t = useT();
  const backend = useRequest('engine:backend', {}, { refetchOn: 'never' });
  return (
    <div className="backend-banner" data-testid="backend-banner" aria-label={t('training.backend.title')}>
      <span className="muted">{t('training.backend.title')}</span>
      <RequestView state={backend} what={t('training.backend.what')}>
        {(b) => (
          <>
            <span className="backend-name" data-testid="backend-name" data-backend={b.name}>
              {b.name}
            </span>
            <span>{b.device}</span>
            <span className="muted">{t('training.backend.threads', { threads: b.threads })}</span>
            {b.skipped.length > 0 && (
              <span className="backend-skipped" data-testid="backend-skipped">
                {t('training.backend.skippedTitle')}:{' '}
                {b.skipped.map((s, i) => (
                  <span key={s.name}>
                    {i > 0 && ' · '}
                    <strong>{s.name}</strong> — {s.reason}
                  </span>
                ))}
              </span>
            )}
          </>
        )}
      </RequestView>
    </div>
  );
}
