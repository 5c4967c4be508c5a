/** Byte-level helpers: the hot path never builds a string for a line it rejects. */

export const SP = 0x20;
export const TAB = 0x09;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;
export const QMARK = 0x3f;
export const HASH = 0x23;
export const DASH = 0x2d;

export function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** Index of byte `b` in [from, end), or -1. A JS loop: lines are short, a native call costs more. */
export function indexOfByte(buf: Buffer, b: number, from: number, end: number): number {
  for (let i = from; i < end; i++) if (buf[i] === b) return i;
  return -1;
}

/** Closing quote of a quoted field that starts after `from`, honouring `\"` escapes (Apache). */
export function closingQuote(buf: Buffer, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = buf[i];
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}

/** Unsigned decimal in [s, e); -1 if empty or not all digits. */
export function parseUint(buf: Buffer, s: number, e: number): number {
  if (e <= s) return -1;
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = buf[i]!;
    if (c < 0x30 || c > 0x39) return -1;
    n = n * 10 + (c - 0x30);
  }
  return n;
}

export function str(buf: Buffer, s: number, e: number): string {
  return buf.toString('latin1', s, e);
}

/** `-` alone means "empty" in every access-log format. */
export function strOrEmpty(buf: Buffer, s: number, e: number): string {
  if (e - s === 1 && buf[s] === DASH) return '';
  return buf.toString('latin1', s, e);
}

/** Splits a path at `?`. */
export function splitQuery(target: string): [string, string] {
  const q = target.indexOf('?');
  return q < 0 ? [target, ''] : [target.slice(0, q), target.slice(q + 1)];
}

/** Bytes of the line for error messages (bounded, so a 10 MB line does not become a 10 MB message). */
export function excerpt(buf: Buffer, s: number, e: number, max = 120): string {
  const t = buf.toString('latin1', s, Math.min(e, s + max));
  return e - s > max ? `${t}…` : t;
}
