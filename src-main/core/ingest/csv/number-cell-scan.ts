/**
 * Numeric cells as written by Java's `DecimalFormat("#,###.##")` in any locale
 * (SCOUTER-CSV.md §6): `1,234.5` (en/ko), `1.234,5` (de), `1 234,5` (fr, NBSP grouping), plus
 * `NaN`, `∞`, `-∞`, and `""` for missing. Parsed from char codes without allocating.
 *
 * The decimal mark is a property of the *file*, detected from all its cells: a cell is
 * *evidence* when only one reading makes sense (`12.5`, `1,234.5`, `0.25` → dot; `12,5`,
 * `1.234,5`, `1.234.567` → comma) and *ambiguous* when both do (`1,454` is 1454 in en and
 * 1.454 in de). Integers without separators are neutral. Ambiguous cells seen before the first
 * evidence are remembered and fixed once the mark is known; without any evidence the file is
 * read as dot-decimal (the en/ko default, §3). Evidence for both marks in one file is an error.
 *
 * Non-finite choice: `NaN`, `∞`, `-∞` (and `Infinity`) are accepted but stored as NaN and
 * counted in `nonFinite`, so downstream means and models never see ±Infinity.
 */

const ZERO = 48;
const NINE = 57;
/** Char codes of the two decimal/grouping marks. */
export const DOT = 46;
export const COMMA = 44;
export const MINUS = 45;
const PLUS = 43;
const SPACE = 32;
const NBSP = 0xa0;
const NARROW_NBSP = 0x202f;
const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;
const INFINITY = 0x221e;
const LOWER_E = 101;
const UPPER_E = 69;

/** 10^0 … 10^22, exact in float64: decimal digits become a value without rounding twice. */
export const POW10: number[] = [];
for (let i = 0, p = 1; i <= 22; i++, p *= 10) POW10.push(p);

/** Cell classes returned by `scanNumberCell` (in `NumberScan.kind`). */
export const CELL_MISSING = 0;
export const CELL_NEUTRAL = 1;
export const CELL_DOT_EVIDENCE = 2;
export const CELL_COMMA_EVIDENCE = 3;
/** One `.` or `,` followed by exactly three digits: reading depends on the file's mark. */
export const CELL_AMBIGUOUS = 4;
export const CELL_NON_FINITE = 5;
export const CELL_INVALID = 6;

/** Scratch result of one scan (reuse one instance: no allocation per cell). */
export interface NumberScan {
  kind: number;
  /** Value under the cell's own evidence (or neutral/non-finite) reading; dot reading when ambiguous. */
  value: number;
  /** Ambiguous cells only: value when the separator is a decimal mark (comma-decimal for `,`). */
  altValue: number;
  /** Ambiguous cells only: the separator char code (`.` or `,`). */
  separator: number;
}

/** A fresh scratch result for `scanNumberCell`. */
export function newNumberScan(): NumberScan {
  return { kind: CELL_MISSING, value: Number.NaN, altValue: Number.NaN, separator: 0 };
}

/** Classifies and parses text[start, end); see the module comment for the rules. */
export function scanNumberCell(text: string, start: number, end: number, out: NumberScan): void {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  out.value = Number.NaN;
  if (start === end) {
    out.kind = CELL_MISSING;
    return;
  }
  let i = start;
  let negative = false;
  let c = text.charCodeAt(i);
  if (c === MINUS || c === PLUS) {
    negative = c === MINUS;
    i++;
    c = text.charCodeAt(i);
  }
  if (c === INFINITY || c === 78 /* N */ || c === 73 /* I */) {
    const rest = text.slice(i, end);
    out.kind = rest === '∞' || rest === 'Infinity' || (rest === 'NaN' && i === start) ? CELL_NON_FINITE : CELL_INVALID;
    return;
  }
  let mantissa = 0;
  let digits = 0;
  let digitsSinceSep = 0;
  let lead = -1; // digits before the first separator
  let firstDigit = -1;
  let dots = 0;
  let commas = 0;
  let lastSep = 0;
  let innerGroupsOk = true;
  let otherGrouping = false;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      if (firstDigit < 0) firstDigit = c - ZERO;
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      digitsSinceSep++;
    } else if (c === DOT || c === COMMA) {
      if (lastSep === 0) lead = digitsSinceSep;
      else if (digitsSinceSep !== 3) innerGroupsOk = false;
      if (c === DOT) dots++;
      else commas++;
      lastSep = c;
      digitsSinceSep = 0;
    } else if (c === NBSP || c === NARROW_NBSP || c === APOSTROPHE || c === RIGHT_QUOTE || c === SPACE) {
      // Unambiguous grouping (fr, de-CH): must sit between digits and never after the decimal mark.
      if (digitsSinceSep === 0 || lastSep !== 0) break;
      otherGrouping = true;
    } else break;
  }
  if (i < end) {
    if ((c === LOWER_E || c === UPPER_E) && commas === 0 && dots <= 1 && !otherGrouping && digits > 0) {
      // Scientific notation (generic CSVs only; DecimalFormat never writes it).
      const v = Number(text.slice(start, end));
      out.kind = Number.isNaN(v) ? CELL_INVALID : dots === 1 ? CELL_DOT_EVIDENCE : CELL_NEUTRAL;
      out.value = v;
      return;
    }
    out.kind = CELL_INVALID;
    return;
  }
  if (digits === 0 || (digitsSinceSep === 0 && lastSep !== 0)) {
    out.kind = CELL_INVALID; // "-", ".", "1,"
    return;
  }
  const exact = digits <= 15;
  const after = digitsSinceSep;
  if (lastSep === 0) {
    out.kind = CELL_NEUTRAL;
    out.value = signed(exact ? mantissa : slowValue(text, start, end, 0), negative);
    return;
  }
  const groupingSep = lastSep === DOT ? COMMA : DOT;
  const lastCount = lastSep === DOT ? dots : commas;
  const otherCount = lastSep === DOT ? commas : dots;
  if (otherCount > 0) {
    // Both marks: the last one is the decimal, the other grouping (`1,234.5`, `1.234,5`).
    if (lastCount !== 1 || !innerGroupsOk) {
      out.kind = CELL_INVALID;
      return;
    }
    out.kind = lastSep === DOT ? CELL_DOT_EVIDENCE : CELL_COMMA_EVIDENCE;
    out.value = signed(exact && after <= 22 ? mantissa / POW10[after]! : slowValue(text, start, end, lastSep), negative);
    return;
  }
  if (lastCount >= 2) {
    // `1,234,567` / `1.234.567`: repeated mark = grouping, so the other one is the decimal.
    if (!innerGroupsOk || after !== 3) {
      out.kind = CELL_INVALID;
      return;
    }
    out.kind = lastSep === DOT ? CELL_COMMA_EVIDENCE : CELL_DOT_EVIDENCE;
    out.value = signed(exact ? mantissa : slowValue(text, start, end, groupingSep), negative);
    return;
  }
  const asDecimal = signed(exact && after <= 22 ? mantissa / POW10[after]! : slowValue(text, start, end, lastSep), negative);
  if (after === 3 && lead >= 1 && lead <= 3 && !(firstDigit === 0 && lead === 1) && !otherGrouping) {
    const asGrouping = signed(exact ? mantissa : slowValue(text, start, end, groupingSep), negative);
    out.kind = CELL_AMBIGUOUS;
    out.separator = lastSep;
    out.value = lastSep === DOT ? asDecimal : asGrouping;
    out.altValue = lastSep === DOT ? asGrouping : asDecimal;
    return;
  }
  out.kind = lastSep === DOT ? CELL_DOT_EVIDENCE : CELL_COMMA_EVIDENCE;
  out.value = asDecimal;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === NBSP || c === 9;
}

function signed(v: number, negative: boolean): number {
  return negative ? -v : v;
}

/** Exact fallback for > 15 significant digits: rebuild `digits.digits` and let V8 round it. */
function slowValue(text: string, start: number, end: number, decimal: number): number {
  let s = '';
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) s += text[i];
    else if (c === decimal) s += '.';
  }
  return Math.abs(Number(s));
}

/**
 * `[-]d{1,3}(Gddd)*(Ddigits)?` or plain digits, for a known decimal mark D and grouping G; NaN
 * for anything else (the caller then classifies the cell). Agrees with `scanNumberCell` on every
 * cell it accepts: a grouped lead of `0` or of more than 3 digits is left to the slow path.
 */
export function parseStrict(text: string, start: number, end: number, decimal: number, grouping: number): number {
  let i = start;
  let negative = false;
  if (i < end && text.charCodeAt(i) === MINUS) {
    negative = true;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let run = 0;
  let groups = 0;
  let lead0 = false;
  let fraction = -1;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    const d = c - ZERO;
    if (d >= 0 && d <= 9) {
      if (digits === 0) lead0 = d === 0;
      mantissa = mantissa * 10 + d;
      digits++;
      run++;
    } else if (c === grouping) {
      if (fraction >= 0 || (groups === 0 ? run === 0 || run > 3 || (lead0 && run === 1) : run !== 3)) return Number.NaN;
      groups++;
      run = 0;
    } else if (c === decimal) {
      if (fraction >= 0 || (groups > 0 && run !== 3)) return Number.NaN;
      fraction = i;
      run = 0;
    } else return Number.NaN;
  }
  if (digits === 0 || digits > 15 || run === 0) return Number.NaN;
  if (fraction < 0) {
    if (groups > 0 && run !== 3) return Number.NaN;
    return negative ? -mantissa : mantissa;
  }
  const v = mantissa / POW10[run]!;
  return negative ? -v : v;
}
