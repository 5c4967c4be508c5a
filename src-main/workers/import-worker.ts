import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { z } from 'zod';
import { serveTasks } from './worker-runtime';
import { parseScouterCsv } from '../core/ingest/scouter';

const Payload = z.object({
  path: z.string().min(1),
  timeZone: z.string().min(1),
  override: z.object({ counter: z.string().optional(), objType: z.string().optional(), date: z.string().optional() }).strict().optional(),
});

/**
 * Parses one Scouter export off the main thread; an import of many counter files parses them in
 * parallel, one per core (the result's typed arrays are structured-cloned back, ~4 MB a file).
 */
serveTasks(async (raw) => {
  const p = Payload.parse(raw);
  const bytes = await readFile(p.path);
  const clean = p.override ? Object.fromEntries(Object.entries(p.override).filter(([, v]) => v !== undefined)) : undefined;
  const file = parseScouterCsv(bytes, basename(p.path), { timeZone: p.timeZone, ...(clean ? { override: clean } : {}) });
  return { file, sha256: createHash('sha256').update(bytes).digest('hex') };
});
