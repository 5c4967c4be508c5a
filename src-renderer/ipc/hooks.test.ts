import { describe, expect, it } from 'vitest';
import { shouldRefetch } from './hooks';

describe('shouldRefetch', () => {
  it('re-fetches on every change by default', () => {
    expect(shouldRefetch(undefined, 'runs')).toBe(true);
    expect(shouldRefetch('all', 'series')).toBe(true);
  });

  it('filters by what changed, but a whole-workspace change always counts', () => {
    expect(shouldRefetch(['outages', 'labels'], 'labels')).toBe(true);
    expect(shouldRefetch(['outages', 'labels'], 'runs')).toBe(false);
    expect(shouldRefetch(['runs'], 'workspace')).toBe(true);
  });

  it('never re-fetches when told so', () => {
    expect(shouldRefetch('never', 'workspace')).toBe(false);
  });
});
