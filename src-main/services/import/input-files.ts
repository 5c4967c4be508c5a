import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { VigilError } from '../../../shared/errors';
import { parseScouterFileName } from '../../core/ingest/scouter';

export type InputKind = 'scouter' | 'generic-csv' | 'access-log' | 'labels-csv';

export interface InputFile {
  path: string;
  name: string;
  bytes: number;
  kind: InputKind;
}

const SKIP = /(^\.|\.(md|json|sha256|ts|js|png|pdf|html|duckdb|wal)$)/i;

/** Expands files and folders (recursively, in name order) into the files to import. */
export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (p: string, explicit: boolean) => {
    if (!existsSync(p)) throw new VigilError('NOT_FOUND', `${p} does not exist`, { where: { file: p } });
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const e of readdirSync(p).sort()) visit(join(p, e), false);
    } else if (explicit || !SKIP.test(basename(p))) {
      out.push(resolve(p));
    }
  };
  for (const p of paths) visit(p, true);
  return [...new Set(out)];
}

async function head(path: string, n = 4096): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * What a file is, from its name and first bytes: a Scouter export (`[…]objType_Counter.csv`, or a
 * CSV whose header starts with "Time" followed by `/host/name` objects), a label CSV written by
 * Vigil, another CSV (generic wide/long), or else an access log (plain or gzip; the log reader
 * detects the format and says so when it cannot).
 */
export async function recognise(path: string): Promise<InputFile> {
  const name = basename(path);
  const bytes = statSync(path).size;
  const base = { path, name, bytes };
  if (/\.(csv|tsv)$/i.test(name)) {
    const text = (await head(path)).toString('utf8').replace(/^\uFEFF/, '');
    const first = text.split(/\r?\n/, 1)[0] ?? '';
    if (/^object,start,end\b/i.test(first)) return { ...base, kind: 'labels-csv' };
    let scouterName = false;
    try {
      parseScouterFileName(name);
      scouterName = true;
    } catch {
      /* not a default Scouter name */
    }
    if (scouterName || /^"Time","\//.test(first)) return { ...base, kind: 'scouter' };
    return { ...base, kind: 'generic-csv' };
  }
  return { ...base, kind: 'access-log' };
}

export async function* readStream(path: string): AsyncIterable<Buffer> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
}
