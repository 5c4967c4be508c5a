import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { Channel, EventMap, EventName, RequestOf, ResponseOf, VigilApi } from '../../shared/ipc/contract';
import type { VigilError } from '../../shared/errors';
import { toVigilError } from './to-vigil-error';
import { WireClient, type ConnectionState } from './wire-client';

/** The engine handle for the tree below; `main.tsx` provides `getApi()`, tests a fake. */
export const ApiContext = createContext<VigilApi | null>(null);

export function useApi(): VigilApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiContext.Provider>');
  return api;
}

export type WorkspaceChange = EventMap['workspace:changed']['what'];

export interface RequestState<T> {
  /** The last answer; kept while a re-fetch is in flight, so views do not flicker. */
  data: T | undefined;
  error: VigilError | null;
  loading: boolean;
  reload(): void;
}

export interface RequestOptions {
  /**
   * Which `workspace:changed` events re-fetch: 'all' (default), a list of `what`s, or 'never'.
   * `what: 'workspace'` (another workspace opened, or the transport reconnected) always does.
   */
  refetchOn?: 'all' | 'never' | readonly WorkspaceChange[];
}

/** Whether a `workspace:changed` event of kind `what` makes a request with this rule re-fetch. */
export function shouldRefetch(rule: RequestOptions['refetchOn'], what: WorkspaceChange): boolean {
  if (rule === 'never') return false;
  if (rule === undefined || rule === 'all' || what === 'workspace') return true;
  return rule.includes(what);
}

/**
 * Calls one contract channel and keeps its answer; re-fetches on `workspace:changed`.
 *
 * `request` = null skips the call (e.g. a chart whose object is not known yet). The request
 * is compared by value (JSON), so an inline object literal does not re-fetch every render.
 */
export function useRequest<C extends Channel>(channel: C, request: RequestOf<C> | null, options: RequestOptions = {}): RequestState<ResponseOf<C>> {
  const api = useApi();
  const key = request === null ? null : JSON.stringify(request);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ data: ResponseOf<C> | undefined; error: VigilError | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: key !== null,
  });
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  const refetchOn = options.refetchOn ?? 'all';
  // A string key, so an inline array literal does not resubscribe every render.
  const refetchKey = typeof refetchOn === 'string' ? refetchOn : refetchOn.join(',');
  useEffect(() => {
    if (refetchKey === 'never') return undefined;
    const rule: RequestOptions['refetchOn'] = refetchKey === 'all' ? 'all' : (refetchKey.split(',') as WorkspaceChange[]);
    return api.on('workspace:changed', (e) => {
      if (shouldRefetch(rule, e.what)) setVersion((v) => v + 1);
    });
  }, [api, refetchKey]);

  useEffect(() => {
    if (key === null) {
      setState({ data: undefined, error: null, loading: false });
      return undefined;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api.invoke(channel, JSON.parse(key) as RequestOf<C>).then(
      (data) => {
        if (live) setState({ data, error: null, loading: false });
      },
      (e: unknown) => {
        if (live) setState((s) => ({ data: s.data, error: toVigilError(e), loading: false }));
      },
    );
    return () => {
      live = false;
    };
  }, [api, channel, key, version]);

  return { ...state, reload };
}

/** Subscribes to an engine event for the component's lifetime; `listener` may change freely. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): void {
  const api = useApi();
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => api.on(event, (p) => latest.current(p)), [api, event]);
}

/**
 * Whether the engine is reachable right now. Electron IPC cannot drop, so it is always 'open';
 * the loopback socket reports its own state (the top bar shows it). Views never branch on it.
 */
export function useConnectionState(): ConnectionState {
  const api = useApi();
  const [state, setState] = useState<ConnectionState>('open');
  useEffect(() => (api instanceof WireClient ? api.onState(setState) : undefined), [api]);
  return state;
}
