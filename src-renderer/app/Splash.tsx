import type { VigilError } from '../../shared/errors';
import { Icon } from '../ui/Icon';
import { useT } from '../ui/i18n';

/** The whole window before the shell exists: connecting, or why the engine cannot be reached. */
export function Splash({ kind, error, onRetry }: { kind: 'loading' | 'error'; error?: VigilError; onRetry?: () => void }) {
  const t = useT();
  if (kind === 'loading') {
    return (
      <div className="splash" role="status">
        <div className="spinner" aria-hidden="true" />
        <div className="splash-title">{t('app.loading')}</div>
      </div>
    );
  }
  return (
    <div className="splash" role="alert" data-testid="app-error">
      <div className="splash-icon">
        <Icon name="plug" size={28} />
      </div>
      <div className="splash-title">{t('app.error.title')}</div>
      {error && (
        <div className="splash-message" data-testid="app-error-message">
          <code className="error-code">{error.code}</code> {error.message}
        </div>
      )}
      {/* Connection failures get the UI's own, localized hint. */}
      <div className="splash-hint">{error?.code === 'UNAUTHORIZED' ? t('app.error.tokenHint') : t('app.error.hint')}</div>
      {onRetry && (
        <button type="button" className="btn btn-primary" onClick={onRetry}>
          <Icon name="refresh" size={14} />
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
