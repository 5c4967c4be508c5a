import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { z } from 'zod';
import { serveTasks } from './worker-runtime';
import { parseScouterCsv } from '../core/ingest/scouter';
import { ZonedTimeConverter } from '../core/time';

const Payload = z.object({
  path: z.string().min(1),
  timeZone: z.string().min(1),
  override: z.object({ counter: z.string().optional(), objType: z.string().optional(), date: z.string().optional() }).strict().optional(),
});

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
  const p = Payload.parse(raw);
  const bytes = await readFile(p.path);
  const clean = p.override ? Object.fromEntries(Object.entries(p.override).filter(([, v]) => v !== undefined)) : undefined;
  const file = parseScouterCsv(bytes, basename(p.path), { timeZone: p.timeZone, zone: zoneFor(p.timeZone), ...(clean ? { override: clean } : {}) });
  return { file, sha256: createHash('sha256').update(bytes).digest('hex') };
});
