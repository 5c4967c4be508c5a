import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { VigilError } from '../../shared/errors';
import { serveTasks } from './worker-runtime';
import { parseScouterCsv, type ScouterNameOverride } from '../core/ingest/scouter';
import { ZonedTimeConverter } from '../core/time';

/** What the import service sends: one Scouter file to read and parse. */
interface ImportPayload {
  path: string;
  timeZone: string;
  override?: ScouterNameOverride;
}

const OVERRIDE_KEYS = ['counter', 'objType', 'date'] as const;

/**
 * Checks the payload by hand rather than with zod: zod is ~60 % of this worker's bundle, and every
 * import worker that starts cold parses and compiles its bundle inside the first import's time
 * (issue #3). The payload is built by run-import.ts; a mismatch is a bug, reported as such.
 */
function readPayload(raw: unknown): ImportPayload {
  const bad = (why: string) => new VigilError('INVALID_REQUEST', `import worker payload: ${why}`);
  if (raw === null || typeof raw !== 'object') throw bad('expected an object');
  const p = raw as Record<string, unknown>;
  for (const key of ['path', 'timeZone'] as const) {
    if (typeof p[key] !== 'string' || p[key] === '') throw bad(`"${key}" must be a non-empty string`);
  }
  const out: ImportPayload = { path: p['path'] as string, timeZone: p['timeZone'] as string };
  const o = p['override'];
  if (o !== undefined) {
    if (o === null || typeof o !== 'object') throw bad('"override" must be an object');
    const clean: ScouterNameOverride = {};
    for (const [k, v] of Object.entries(o)) {
      if (!(OVERRIDE_KEYS as readonly string[]).includes(k)) throw bad(`unknown override field "${k}"`);
      if (v === undefined) continue;
      if (typeof v !== 'string') throw bad(`override "${k}" must be a string`);
      clean[k as (typeof OVERRIDE_KEYS)[number]] = v;
    }
    out.override = clean;
  }
  return out;
}

/**
 * One converter per zone for the worker's life: building one (Intl.DateTimeFormat) and filling
 * its per-day offset cache (~340 Intl calls for a year of rows) cost ~30 ms a file, as much as
 * reading its 400k cells; every later file of the zone finds the offsets cached.
 */
const zones = new Map<string, ZonedTimeConverter>();
function zoneFor(timeZone: string): ZonedTimeConverter {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = new ZonedTimeConverter(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}

/**
 * Parses one Scouter export off the main thread; an import of many counter files parses them in
 * parallel, one per core (the result's typed arrays are moved back, not copied: worker-runtime.ts).
 */
serveTasks(async (raw) => {
  const p = readPayload(raw);
  // Sync read: this thread serves one task at a time, and the promise API reads a 6 MB export in
  // 512 KiB round trips through the libuv pool (~5 ms more a file here).
  const bytes = readFileSync(p.path);
  const file = parseScouterCsv(bytes, basename(p.path), { timeZone: p.timeZone, zone: zoneFor(p.timeZone), ...(p.override ? { override: p.override } : {}) });
  return { file, sha256: createHash('sha256').update(bytes).digest('hex') };
});
