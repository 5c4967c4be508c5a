import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/**
 * Resolves a URL path inside `root`, refusing anything that escapes it. Unknown paths without
 * an extension fall back to index.html (the renderer routes itself).
 */
export async function resolveStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const clean = normalize(rel).replace(/^([/\\])+/, '');
  const file = join(root, clean === '' ? 'index.html' : clean);
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    const s = await stat(file);
    if (s.isFile()) return { body: await readFile(file), type: MIME[extname(file)] ?? 'application/octet-stream' };
  } catch {
    /* fall through */
  }
  if (extname(clean) === '') {
    try {
      return { body: await readFile(join(root, 'index.html')), type: MIME['.html']! };
    } catch {
      return null;
    }
  }
  return null;
}
