/** Epoch milliseconds, UTC. Every instant inside Vigil is one of these. */
export type EpochMs = number;

export const MINUTE_MS = 60_000;
export const FIVE_MINUTES_MS = 5 * MINUTE_MS;

/**
 * Formats an instant as `YYYY-MM-DD HH:MM:SS` in a fixed UTC offset (minutes east of UTC).
 * Outage tables print times in the log's own offset (METHODS.md §2), not the viewer's zone.
 */
export function formatInOffset(ms: EpochMs, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * MINUTE_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
  );
}

/** `+09:00` style label for an offset in minutes. */
export function offsetLabel(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const a = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
