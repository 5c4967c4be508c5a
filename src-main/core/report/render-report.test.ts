import { describe, expect, it } from 'vitest';
import { renderReportHtml } from './render-report';
import type { ReportModel } from './report-model';
import { summarizeFolds } from '../eval/metrics';

const evil = '<script>alert("x")</script>';
const model: ReportModel = {
  title: `Report for ${evil}`,
  generatedAtMs: Date.UTC(2024, 2, 5),
  locale: 'en',
  workspace: { path: `/tmp/${evil}` },
  series: [{ object: `/WAS/${evil}`, objType: 'tomcat', counters: ['TPS'], cadenceMs: 300_000, fromMs: 0, toMs: 300_000, rows: 2, missing: 0 }],
  imports: [{ file: `/x/${evil}.csv`, kind: 'scouter', rows: 2, detail: {} }],
  labelling: { labelSetId: 'ls', name: evil, version: 3, rules: { gapFactor: 4, businessHours: { startMinute: 420, endMinute: 1200, weekdaysOnly: false, utcOffsetMinutes: 540 } }, spans: 1, humanSpans: 1 },
  outages: [
    {
      id: 'o1',
      object: `/WAS/${evil}`,
      startMs: Date.UTC(2024, 2, 5, 1, 42, 13),
      endMs: Date.UTC(2024, 2, 5, 1, 58, 43),
      seconds: 990,
      utcOffsetMinutes: 540,
      evidence: { sources: ['10.0.1.12'], intervalMs: {}, gapFactor: 4, lastOkBefore: { timeMs: Date.UTC(2024, 2, 5, 1, 42, 13), status: 200, source: '10.0.1.12', file: `${evil}.log`, line: 7 }, firstFailed: null, lastFailed: null, firstOkAfter: null, statusCounts: { '502': 3 }, failedProbes: 3, kind: 'failing' },
    },
  ],
  comparison: {
    runId: 'run1',
    createdAtMs: 0,
    seed: 0,
    dataHash: 'abc',
    labelVersion: 3,
    backend: { name: 'vigil-native', device: 'cpu', skipped: [{ name: 'tensorflow-gpu', reason: evil }], threads: 1 },
    settings: { note: evil },
    groups: [
      {
        split: 'blocked',
        sampling: 'full',
        folds: 2,
        foldsWithAnomalies: 1,
        rows: [{ model: evil, folds: 2, trainWindowsPerSec: 100, metrics: summarizeFolds([]).metrics }],
        roc: [{ name: evil, points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }],
        pr: [],
      },
    ],
  },
  environment: { vigil: '0.1.0', node: '20', platform: 'linux', cpu: 'x', versions: { [evil]: evil } },
};

describe('renderReportHtml', () => {
  const out = renderReportHtml(model);

  it('escapes every user-provided string and runs no script', () => {
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(out).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
    expect(out).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('holds the outage table in the log offset, the rules, the comparison and "undef" for undefined metrics', () => {
    expect(out).toContain('10:42:13');
    expect(out).toContain('10:58:43');
    expect(out).toContain('k = 4');
    expect(out).toContain('07:00–20:00 +09:00');
    expect(out).toContain('undef');
    expect(out).toContain('1 of 2 folds hold anomalies');
    expect(out).toContain('Random k-fold over overlapping windows leaks through time');
  });

  it('draws the robustness curves of the run, escaping the model names, and leaves the section out without them', () => {
    const stat = (mean: number) => ({ mean, std: 0.01, folds: 2 });
    const point = (level: number, f1: number) => ({ level, folds: 2, metrics: { f1: stat(f1), rocAuc: stat(0.9 - level), prAuc: stat(0.5), eventRecall: stat(1) } });
    const withCurves = renderReportHtml({ ...model, robustness: [{ kind: 'noise', setting: 'blocked/full', levels: [0, 0.2, 0.4], models: [{ model: evil, points: [point(0, 0.8), point(0.2, 0.5), point(0.4, 0.2)] }] }] });
    expect(withCurves).toContain('Robustness</h3>');
    expect(withCurves.match(/<svg[^>]*aria-label="F1 under noise"/g)?.length).toBe(1);
    expect(withCurves).toContain('40%');
    expect(withCurves).not.toContain('<script>');
    expect(out).not.toContain('Robustness</h3>');
  });

  it('speaks Korean when asked', () => {
    const ko = renderReportHtml({ ...model, locale: 'ko' });
    expect(ko).toContain('<html lang="ko">');
    expect(ko).toContain('장애 구간');
  });
});
