import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Builds the main-process bundles once so tests can spawn real worker threads. */
export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, 'build.mjs'), '--main'], { stdio: 'inherit' });
}
