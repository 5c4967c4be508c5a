import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { windowsFromCsv } from './load-windows';

// The labelled CSV's time column is not read: rows are placed at i · cadence so lead times and
// alerts per day (metrics.ts) come out in real units instead of "rows as milliseconds".
const dir = mkdtempSync(join(tmpdir(), 'vigil-csv-cadence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csv = join(dir, 'tiny.csv');
writeFileSync(csv, ['time,a,b,label', ...Array.from({ length: 10 }, (_, i) => `${i},${i},${10 - i},${i === 7 ? 1 : 0}`)].join('\n'));

describe('windowsFromCsv', () => {
  it('places rows one minute apart by default and records the cadence in the origin', async () => {
    const s = await windowsFromCsv(csv, { W: 4 });
    expect(s.windows.n).toBe(7);
    expect(s.windows.endMs[0]).toBe(3 * 60_000);
    expect((s.windows.endMs[1] as number) - (s.windows.endMs[0] as number)).toBe(60_000);
    expect(s.origin).toEqual({ kind: 'csv', file: csv, cadenceMs: 60_000 });
  });

  it('uses the given cadence', async () => {
    const s = await windowsFromCsv(csv, { W: 4, cadenceMs: 300_000 });
    expect(s.windows.endMs[6]).toBe(9 * 300_000);
    expect(s.windows.y[4]).toBe(1); // the window ending at row 7
  });
});
