import { useEffect, useState } from 'react';
import type { SeriesPoints } from '../../shared/ipc/contract';
import type { VigilError } from '../../shared/errors';
import { toVigilError, useApi, useEvent } from '../ipc';

export interface PointsState {
  /** object → points; kept while a re-fetch is in flight, so the chart does not blank. */
  data: ReadonlyMap<string, SeriesPoints> | null;
  error: VigilError | null;
  loading: boolean;
  /** Whether `data` (or `error`) answers the current request (false until its answer arrives). */
  current: boolean;
}

/**
 * `series:query` for several objects at once, down-sampled by the engine (LTTB) to `maxPoints`
 * per counter; `range` null = everything, else only that window (the zoomed detail).
 * `objects` null skips the call.
 */
export function useSeriesPoints(objects: readonly string[] | null, range: { fromMs: number; toMs: number } | null, maxPoints: number): PointsState {
  const api = useApi();
  const [state, setState] = useState<Omit<PointsState, 'current'> & { forKey: string | null }>({ data: null, error: null, loading: false, forKey: null });
  const [version, setVersion] = useState(0);
  useEvent('workspace:changed', (e) => {
    if (e.what === 'series' || e.what === 'imports' || e.what === 'workspace') setVersion((v) => v + 1);
  });
  const key = objects === null ? null : JSON.stringify([objects, range, maxPoints]);
  useEffect(() => {
    if (key === null) {
      setState({ data: null, error: null, loading: false, forKey: null });
      return undefined;
    }
    const [objs, r, max] = JSON.parse(key) as [string[], { fromMs: number; toMs: number } | null, number];
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    Promise.all(objs.map((object) => api.invoke('series:query', { object, maxPoints: max, ...(r ? { fromMs: r.fromMs, toMs: r.toMs } : {}) }))).then(
      (list) => {
        if (live) setState({ data: new Map(list.map((p) => [p.object, p])), error: null, loading: false, forKey: key });
      },
      (e: unknown) => {
        if (live) setState((s) => ({ ...s, error: toVigilError(e), loading: false, forKey: key }));
      },
    );
    return () => {
      live = false;
    };
  }, [api, key, version]);
  return { data: state.data, error: state.error, loading: state.loading, current: state.forKey === key };
}
