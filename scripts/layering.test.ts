import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The layering of DESIGN.md §1 is enforced by tooling: adding a violation on purpose must make
// `npm run lint:layers` (part of `npm test`) fail, and naming the rule.
const root = join(import.meta.dirname, '..');

/** Without terminal colours (CI may force them on). */
function plain(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, '');
}

function cruise(files: string[]): { ok: boolean; out: string } {
  try {
    const out = execFileSync(process.execPath, [join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), '--config', '.dependency-cruiser.cjs', ...files], { cwd: root, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    return { ok: true, out: plain(out) };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, out: plain(`${err.stdout ?? ''}${err.stderr ?? ''}`) };
  }
}

const cases: [string, string, string][] = [
  ['src-renderer/__layering_probe__.ts', "import '../src-main/services/engine';\n", 'renderer-sees-only-shared'],
  ['src-main/core/__layering_probe__.ts', "import '../services/engine';\n", 'core-and-workers-below-services'],
  ['src-main/services/__layering_probe__.ts', "import 'electron';\n", 'only-electron-folder-imports-electron'],
  ['shared/__layering_probe__.ts', "import 'node:fs';\n", 'shared-no-node-builtins'],
];

describe('layering lint', () => {
  it('refuses each kind of violation added on purpose, naming the rule', () => {
    const probes = cases.map(([file, body]) => {
      const abs = join(root, file);
      writeFileSync(abs, body);
      return abs;
    });
    try {
      const r = cruise(cases.map(([file]) => file));
      expect(r.ok).toBe(false);
      for (const [file, , rule] of cases) expect(r.out).toMatch(new RegExp(`${rule}: ${file.replace(/[.]/g, '\\.')}`));
    } finally {
      for (const abs of probes) rmSync(abs, { force: true });
    }
  });

  it('passes on the real tree', () => {
    const r = cruise(['shared', 'src-main', 'src-renderer', 'e2e']);
    expect(r.out).toMatch(/no dependency violations/);
  });
});
