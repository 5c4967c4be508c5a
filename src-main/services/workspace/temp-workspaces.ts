/**
 * Tests' throw-away workspaces and folders: everything opened or created through it is closed and
 * deleted after each test (it registers its own `afterEach`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Workspace } from './duckdb-workspace';

export interface TempWorkspaces {
  /** A new workspace in a new temp folder. */
  fresh(): Promise<Workspace>;
  /** A new temp folder (`vigil-<name>-…`). */
  dir(name?: string): string;
  /** Opens the workspace in folder `d` (closed after the test). */
  open(d: string): Promise<Workspace>;
  /** Closes `ws` now (e.g. to reopen its folder). */
  close(ws: Workspace): void;
}

export function tempWorkspaces(prefix: string): TempWorkspaces {
  const dirs: string[] = [];
  let opened: Workspace[] = [];
  afterEach(() => {
    for (const ws of opened.splice(0)) ws.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const t: TempWorkspaces = {
    dir(name = prefix) {
      const d = mkdtempSync(join(tmpdir(), `vigil-${name}-`));
      dirs.push(d);
      return d;
    },
    async open(d) {
      const ws = await Workspace.open(d);
      opened.push(ws);
      return ws;
    },
    fresh: () => t.open(t.dir()),
    close(ws) {
      opened = opened.filter((w) => w !== ws);
      ws.close();
    },
  };
  return t;
}
