import type { VigilError } from '../../shared/errors';
import { locate } from '../../shared/errors';
import { Icon } from './Icon';
import { useT } from './i18n';

/** An error shown where it happened: code, message with its file/line/field, hint, retry. */
export function ErrorNotice({ title, error, onRetry }: { title: string; error: VigilError; onRetry?: () => void }) {
  const t = useT();
  const located = withoutLocation(error);
  const where = located.prefixed ? '' : locate(error.where);
  return (
    <div className="notice notice-error" role="alert" data-testid="error-notice">
      <Icon name="alert" className="notice-icon" />
      <div className="notice-text">
        <div className="notice-title">{title}</div>
        <div className="notice-message">
          <code className="error-code">{error.code}</code> {where && <span className="mono">{where}: </span>}
          {error.message}
        </div>
        {error.hint && <div className="notice-hint">{t('common.hint', { hint: error.hint })}</div>}
      </div>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          <Icon name="refresh" size={14} />
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

/**
 * Engine messages usually start with their own `file:line:column (field): `; then the notice
 * does not print the location a second time. `rest` is the message without that prefix.
 */
export function withoutLocation(error: Pick<VigilError, 'message' | 'where'>): { prefixed: boolean; rest: string } {
  const where = locate(error.where);
  if (where && error.message.startsWith(where)) return { prefixed: true, rest: error.message.slice(where.length).replace(/^:\s*/, '') };
  return { prefixed: false, rest: error.message };
}
