import { describe, expect, it } from 'vitest';
import { nextStep } from './next-step';

const counts = { objects: 0, seriesRows: 0, outages: 0, labelSets: 0, runs: 0, imports: 0 };

describe('nextStep', () => {
  it('walks import → label → compare', () => {
    expect(nextStep(null)).toBe('next.import');
    expect(nextStep(counts)).toBe('next.import');
    expect(nextStep({ ...counts, seriesRows: 10 })).toBe('next.label');
    expect(nextStep({ ...counts, seriesRows: 10, labelSets: 1 })).toBe('next.compare');
    expect(nextStep({ ...counts, seriesRows: 10, labelSets: 1, runs: 2 })).toBe('next.ready');
  });
});
