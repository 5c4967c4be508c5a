import { describe, expect, it } from 'vitest';
import { loopbackSocketUrl, takeLoopbackToken, TOKEN_STORAGE_KEY, type TokenEnvironment } from './loopback-token';

function env(hash: string, stored: string | null = null) {
  const store = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const replaced: string[] = [];
  const e: TokenEnvironment = {
    location: { hash, pathname: '/', search: '', host: '127.0.0.1:4870', protocol: 'http:' },
    history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
    storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
  };
  return { e, store, replaced };
}

describe('loopback token', () => {
  it('takes the token from the fragment, stores it and clears it from the address bar', () => {
    const { e, store, replaced } = env('#token=abc123');
    expect(takeLoopbackToken(e)).toBe('abc123');
    expect(store.get(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(replaced).toEqual(['/']);
  });

  it('keeps other fragment parameters', () => {
    const { e, replaced } = env('#token=abc&area=labels');
    takeLoopbackToken(e);
    expect(replaced).toEqual(['/#area=labels']);
  });

  it('falls back to the stored token after a reload', () => {
    const { e, replaced } = env('', 'stored-token');
    expect(takeLoopbackToken(e)).toBe('stored-token');
    expect(replaced).toEqual([]);
  });

  it('throws UNAUTHORIZED without any token', () => {
    expect(() => takeLoopbackToken(env('').e)).toThrow(expect.objectContaining({ code: 'UNAUTHORIZED' }));
  });

  it('builds the socket URL on the page host', () => {
    expect(loopbackSocketUrl({ host: '127.0.0.1:4870', protocol: 'http:' }, 'a b')).toBe('ws://127.0.0.1:4870/ws?token=a%20b');
    expect(loopbackSocketUrl({ host: 'localhost:9', protocol: 'https:' }, 't')).toBe('wss://localhost:9/ws?token=t');
  });
});
