import type { ReactNode } from 'react';
import type { RequestState } from '../ipc';
import { ErrorNotice } from './ErrorNotice';
import { useT } from './i18n';

/**
 * Renders a `useRequest` result: a loading line the first time, the error inline (with retry)
 * when it failed, otherwise `children(data)`. A failed re-fetch keeps the old data visible and
 * shows the error above it.
 */
export function RequestView<T>({ state, what, children }: { state: RequestState<T>; what: string; children(data: T): ReactNode }) {
  const t = useT();
  const error = state.error ? <ErrorNotice title={t('common.errorTitle', { what })} error={state.error} onRetry={state.reload} /> : null;
  if (state.data === undefined) {
    return error ?? <div className="loading-line" role="status">{t('common.loading')}</div>;
  }
  return (
    <>
      {error}
      {children(state.data)}
    </>
  );
}
