import { describe, expect, it } from 'vitest';
import { validateRequest } from './validate';
import { VigilError } from '../errors';

describe('validateRequest', () => {
  it('accepts a well-formed request and applies defaults', () => {
    expect(validateRequest('jobs:start', { kind: 'selftest' })).toEqual({ kind: 'selftest', params: {} });
  });

  it('refuses an unknown channel', () => {
    expect(() => validateRequest('fs:readFile' as never, {})).toThrow(/unknown request channel/);
  });

  it('refuses extra fields, wrong types and names the field', () => {
    try {
      validateRequest('series:query', { object: '/a/b', maxPoints: 'lots' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(VigilError);
      expect((e as VigilError).code).toBe('INVALID_REQUEST');
      expect((e as VigilError).message).toMatch(/maxPoints/);
    }
    expect(() => validateRequest('workspace:info', { evil: true })).toThrow(VigilError);
    expect(() => validateRequest('labels:edit', { labelSetId: 'x', edit: { kind: 'add-span', span: { object: null, startMs: 5, endMs: 1 } } })).toThrow(/endMs/);
  });

  it('treats a missing payload as empty', () => {
    expect(validateRequest('app:info', undefined)).toEqual({});
  });
});
