import type { VigilError } from '../../../../shared/errors';
import { inputError } from '../csv/input-error';

/** Which Scouter view wrote the file (SCOUTER-CSV.md §1). */
export type ScouterExportKind = 'daily' | 'past';

/** What a Scouter export's default file name tells (SCOUTER-CSV.md §2). */
export interface ScouterFileName {
  /** From the bracket: `yyyyMMdd-yyyyMMdd` = Daily All, `yyyyMMdd_HHmmss-HHmmss` = Past All. */
  kind: ScouterExportKind;
  objType: string;
  counter: string;
  /** First day in the bracket, `YYYY-MM-DD` (the only place a Past All file records its date). */
  date: string;
  /** Last day in the bracket for Daily All, `YYYY-MM-DD` (same as `date` for Past All). */
  endDate: string;
  /** Anything before `[`, e.g. `SYNTHETIC_`. */
  prefix: string;
}

/** User-supplied facts for a renamed file; each one wins over the name. */
export interface ScouterNameOverride {
  counter?: string;
  objType?: string;
  /** `YYYY-MM-DD`: the day of a Past All export. */
  date?: string;
}

const DAILY = /^(\d{8})-(\d{8})$/;
const PAST = /^(\d{8})_(\d{6})-(\d{6})$/;

/**
 * Parses `[…]objType_Counter.csv` (SCOUTER-CSV.md §2, §9.3).
 *
 * The objType/counter split is at the **last** `_`: objTypes may hold `_` or `$` (`z$…`), counter
 * names never hold `_` (§7). A directory part, a prefix before `[` and a browser's ` (1)` copy
 * suffix are ignored.
 *
 * @throws VigilError UNSUPPORTED_FORMAT when the name does not follow the pattern; the hint says
 *   to give counter / objType / date by hand.
 */
export function parseScouterFileName(fileName: string): ScouterFileName {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const fail = (why: string): VigilError =>
    inputError(
      'UNSUPPORTED_FORMAT',
      { file: base, field: 'file name' },
      `${why}; expected a Scouter export name like "[20240304-20240305]tomcat_TPS.csv".`,
      'If the file was renamed, enter the counter, the object type and (for "Past All" exports) the date by hand.',
    );
  const open = base.indexOf('[');
  const close = base.indexOf(']', open + 1);
  if (open < 0 || close < 0) throw fail('the name has no [date] part');
  const bracket = base.slice(open + 1, close);
  const stem = base
    .slice(close + 1)
    .replace(/\.csv$/i, '')
    .replace(/\s*\(\d+\)$/, '');
  const split = stem.lastIndexOf('_');
  if (split <= 0 || split === stem.length - 1) throw fail(`"${stem}" is not objType_Counter`);
  const objType = stem.slice(0, split);
  const counter = stem.slice(split + 1);
  const prefix = base.slice(0, open);

  const daily = DAILY.exec(bracket);
  if (daily) {
    const date = isoDate(daily[1]!);
    const endDate = isoDate(daily[2]!);
    if (!date || !endDate) throw fail(`"[${bracket}]" holds an impossible date`);
    return { kind: 'daily', objType, counter, date, endDate, prefix };
  }
  const past = PAST.exec(bracket);
  if (past) {
    const date = isoDate(past[1]!);
    if (!date || !validTime(past[2]!) || !validTime(past[3]!)) throw fail(`"[${bracket}]" holds an impossible date or time`);
    return { kind: 'past', objType, counter, date, endDate: date, prefix };
  }
  throw fail(`"[${bracket}]" is neither yyyyMMdd-yyyyMMdd (Daily All) nor yyyyMMdd_HHmmss-HHmmss (Past All)`);
}

/** `20240305` → `2024-03-05`, undefined when not a real calendar date. */
function isoDate(yyyymmdd: string): string | undefined {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

function validTime(hhmmss: string): boolean {
  return Number(hhmmss.slice(0, 2)) < 24 && Number(hhmmss.slice(2, 4)) < 60 && Number(hhmmss.slice(4, 6)) < 60;
}

/** Parses a `YYYY-MM-DD` override date to [y, m, d]; undefined when malformed. */
export function parseIsoDate(date: string): [number, number, number] | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return undefined;
  const iso = isoDate(`${m[1]}${m[2]}${m[3]}`);
  return iso ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}
