import { describe, expect, it } from 'vitest';
import { asImportPreview, errorIsFor, importParams, outagesByObject, timeZoneChoices } from './import-preview';

describe('asImportPreview', () => {
  it('reads the ImportSummary shape and tolerates missing parts', () => {
    const p = asImportPreview({
      dryRun: true,
      files: [{ file: '/ws/uploads/u1/[20240304-20240505]tomcat_TPS.csv', kind: 'scouter', bytes: 10, rows: 5, detail: { counter: 'TPS' } }],
      series: [{ object: '/a/b', objType: 'tomcat', counters: ['TPS'], rows: 5, fromMs: 1, toMs: 2, cadenceMs: 300000 }],
      outages: [],
      logs: { healthCheck: { method: 'GET', path: '/health' }, detected: true, detectedReason: 'x', intervals: [{ object: null, source: '10.0.0.1', intervalMs: 5000, probes: 3, steadiness: 1 }], probes: 3, okProbes: 3, warnings: [] },
      objectNotes: ['n'],
      warnings: [],
      labelSet: null,
    });
    expect(p.files[0]?.name).toBe('[20240304-20240505]tomcat_TPS.csv');
    expect(p.logs?.healthCheck).toEqual({ method: 'GET', path: '/health' });
    expect(p.logs?.intervals[0]).toEqual({ object: null, source: '10.0.0.1', intervalMs: 5000, probes: 3 });
    expect(asImportPreview(undefined)).toMatchObject({ files: [], series: [], outages: [], logs: null, labelSet: null });
  });
});

describe('importParams', () => {
  it('leaves out what the user did not set', () => {
    expect(importParams(['/p'], { timeZone: 'Asia/Seoul', gapFactor: null, counter: ' ', objType: '', logObjects: { 'a.log': '' } }, true)).toEqual({ paths: ['/p'], timeZone: 'Asia/Seoul', dryRun: true });
  });
  it('passes corrections through', () => {
    expect(importParams(['/p'], { timeZone: 'UTC', gapFactor: 4, counter: 'TPS', objType: 'tomcat', logObjects: { 'a.log': '/x/a' } }, false)).toEqual({
      paths: ['/p'],
      timeZone: 'UTC',
      dryRun: false,
      gapFactor: 4,
      logObjects: { 'a.log': '/x/a' },
      scouterOverride: { counter: 'TPS', objType: 'tomcat' },
    });
  });
});

describe('helpers', () => {
  it('offers the browser zone, Asia/Seoul and UTC once each', () => {
    expect(timeZoneChoices('Europe/Berlin')).toEqual(['Europe/Berlin', 'Asia/Seoul', 'UTC']);
    expect(timeZoneChoices('Asia/Seoul')).toEqual(['Asia/Seoul', 'UTC']);
    expect(timeZoneChoices(undefined)).toEqual(['UTC', 'Asia/Seoul']);
  });
  it('groups outages by object', () => {
    const o = (object: string | null, seconds: number) => ({ object, seconds }) as never;
    expect(outagesByObject([o('/b', 10), o(null, 5), o('/b', 20)])).toEqual([
      { object: '/b', count: 2, seconds: 30 },
      { object: null, count: 1, seconds: 5 },
    ]);
  });
  it('matches an error to its file by name or path', () => {
    expect(errorIsFor('/ws/uploads/u/a.csv', { name: 'a.csv' })).toBe(true);
    expect(errorIsFor('a.csv', { name: 'a.csv' })).toBe(true);
    expect(errorIsFor('b.csv', { name: 'a.csv' })).toBe(false);
    expect(errorIsFor(undefined, { name: 'a.csv' })).toBe(false);
  });
});
