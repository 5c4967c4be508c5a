import type { VigilApi } from '../../shared/ipc/contract';
import { loopbackSocketUrl, takeLoopbackToken } from './loopback-token';
import { WireClient } from './wire-client';

declare global {
  interface Window {
    /** Set by the Electron preload through contextBridge; absent in a plain browser. */
    readonly vigil?: VigilApi;
  }
}

let api: VigilApi | null = null;

/**
 * The engine, whatever carries it: the Electron preload bridge when there is one, else the
 * loopback WebSocket of `vigil serve`. Created once per page; nothing else in the renderer
 * knows which one it got (apart from `transport`, which the top bar shows).
 *
 * Throws a VigilError (UNAUTHORIZED) in a browser opened without the `#token=` fragment.
 */
export function getApi(): VigilApi {
  if (api) return api;
  if (window.vigil) {
    api = window.vigil;
    return api;
  }
  const token = takeLoopbackToken({ location: window.location, history: window.history, storage: window.sessionStorage });
  api = new WireClient(loopbackSocketUrl(window.location, token), (url) => new WebSocket(url));
  return api;
}
