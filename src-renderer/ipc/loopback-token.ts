import { VigilError } from '../../shared/errors';

/** sessionStorage key of the loopback access token (per tab, survives reload). */
export const TOKEN_STORAGE_KEY = 'vigil.loopbackToken';

export interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search' | 'host' | 'protocol'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * Reads the access token `vigil serve` put in the page URL (`http://127.0.0.1:PORT/#token=T`).
 *
 * The fragment never reaches the server logs; once read, it is removed from the address bar (so
 * it does not end up in screenshots or bookmarks) and kept in sessionStorage so a reload still
 * works. Throws UNAUTHORIZED when there is neither.
 */
export function takeLoopbackToken(env: TokenEnvironment): string {
  const fragment = new URLSearchParams(env.location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('token');
  if (fromUrl) {
    env.storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    fragment.delete('token');
    const rest = fragment.toString();
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}${rest ? `#${rest}` : ''}`);
    return fromUrl;
  }
  const stored = env.storage.getItem(TOKEN_STORAGE_KEY);
  if (stored) return stored;
  throw new VigilError('UNAUTHORIZED', 'this page was opened without the access token of `vigil serve`', {
    hint: 'open the full address `vigil serve` printed, including its #token=… part',
  });
}

/** `ws://<same host>/ws?token=T` (wss when the page itself came over https, e.g. a tunnel). */
export function loopbackSocketUrl(location: Pick<Location, 'host' | 'protocol'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}
