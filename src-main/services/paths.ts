import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding Vigil's package.json, found by walking up from `from` (a bundle in
 * dist/…, a source file in tests, or the asar root in a packaged app).
 */
export function findAppRoot(from: string): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'vigil') return dir;
      } catch {
        /* not ours; keep walking */
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find Vigil's package.json above ${from}`);
    dir = up;
  }
}

export interface AppPaths {
  root: string;
  workers: string;
  renderer: string;
  demo: string;
}

export function appPaths(root: string): AppPaths {
  return {
    root,
    workers: join(root, 'dist/workers'),
    renderer: join(root, 'dist/renderer'),
    demo: join(root, 'resources/demo'),
  };
}

export function workerScript(paths: AppPaths, name: string): string {
  const file = join(paths.workers, `${name}-worker.mjs`);
  if (!existsSync(file)) throw new Error(`worker bundle ${file} is missing: run \`npm run build\``);
  return file;
}

export function appVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}
