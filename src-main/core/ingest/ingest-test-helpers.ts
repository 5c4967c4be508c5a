import { expect } from 'vitest';
import { VigilError, type ErrorCode } from '../../../shared/errors';

/**
 * Test support for ingest: builds CSV bytes and checks that an input error names its place.
 * Imported by `*.test.ts` only.
 */

/** Lines joined with LF plus a trailing LF, as opencsv writes them (SCOUTER-CSV.md §3). */
export function csvBytes(lines: readonly string[], eol = '\n'): Buffer {
  return Buffer.from(lines.join(eol) + eol, 'utf8');
}

/** Quotes every cell like opencsv: `q('Time', '/a')` → `"Time","/a"`. */
export function q(...cells: string[]): string {
  return cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',');
}

export interface ExpectedPlace {
  code: ErrorCode;
  file?: string;
  line?: number;
  column?: number;
  field?: string;
  /** Substring the message must contain. */
  says?: string;
}

/** Runs `fn`, expects a VigilError at `place`, and checks the message names file, line, column and field. */
export function expectInputError(fn: () => unknown, place: ExpectedPlace): VigilError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected an error').toBeInstanceOf(VigilError);
  const err = caught as VigilError;
  expect(err.code).toBe(place.code);
  expect(err.hint, 'every input error carries a hint').toBeTruthy();
  if (place.file !== undefined) {
    expect(err.where?.file).toBe(place.file);
    expect(err.message).toContain(place.file);
  }
  if (place.line !== undefined) {
    expect(err.where?.line).toBe(place.line);
    expect(err.message).toContain(`:${place.line}`);
  }
  if (place.column !== undefined) {
    expect(err.where?.column).toBe(place.column);
    expect(err.message).toMatch(new RegExp(`:${place.line ?? '\\d+'}:${place.column}\\b|column ${place.column}\\b`));
  }
  if (place.field !== undefined) {
    expect(err.where?.field).toBe(place.field);
    expect(err.message).toContain(place.field);
  }
  if (place.says !== undefined) expect(err.message).toContain(place.says);
  return err;
}

/** Deterministic PRNG (mulberry32): `next(k)` is an integer in [0, k). */
export function seededRandom(seed: number): (k: number) => number {
  let a = seed >>> 0;
  return (k: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * k);
  };
}
