import type { Locale } from '../../shared/i18n';
import type { Translate } from './i18n';

/**
 * Pure display formatters. Instants shown here (import times, job starts, run creation) are in
 * the viewer's local zone; outage times are not formatted here: they use the log's own offset
 * (`formatInOffset`, METHODS.md §2).
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:MM:SS`, local time. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${formatDate(ms)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `YYYY-MM-DD`, local time. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A remaining time: `42 s`, `3 min 5 s`, `2 h 10 min` (localized units). */
export function formatDuration(ms: number, t: Translate): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total < 60) return t('duration.seconds', { s: total });
  const m = Math.floor(total / 60);
  if (m < 60) return t('duration.minutes', { m, s: total % 60 });
  return t('duration.hours', { h: Math.floor(m / 60), m: m % 60 });
}

/** A grid step: `5 min` for Daily All exports, `2 s` for Past All (SCOUTER-CSV.md). */
export function formatCadence(ms: number, t: Translate): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return t('cadence.hours', { n: ms / 3_600_000 });
  if (ms >= 60_000 && ms % 60_000 === 0) return t('cadence.minutes', { n: ms / 60_000 });
  return t('cadence.seconds', { n: Number((ms / 1000).toFixed(3)) });
}

export function formatInteger(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'ko' ? 'ko-KR' : 'en-US', { maximumFractionDigits: 0 }).format(n);
}

/** 0–1 as `12.5%`. */
export function formatPercent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Status counts of an outage, most frequent first: `502 ×24 · 0 ×3` (0 = no status recorded). */
export function formatStatusCounts(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([status, n]) => `${status} ×${n}`)
    .join(' · ');
}

/** First 8 characters of an id (UUIDs are unreadable in tables; the full id goes in `title`). */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

/** Compact axis numbers: 950, 1.2k, 3.4M, 0.25. */
export function compactNumber(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return `${trim(n / 1e9)}G`;
  if (a >= 1e6) return `${trim(n / 1e6)}M`;
  if (a >= 1e4) return `${trim(n / 1e3)}k`;
  if (a >= 100 || a === 0) return String(Math.round(n));
  return trim(n, a < 1 ? 3 : 2);
}

function trim(n: number, digits = 1): string {
  return String(Number(n.toFixed(digits)));
}

/** Long paths keep their start and their end: `/home/sre/…/mis-was-2024-03`. */
export function middleEllipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = max - 1;
  const head = Math.ceil(keep * 0.4);
  return `${text.slice(0, head)}…${text.slice(text.length - (keep - head))}`;
}
