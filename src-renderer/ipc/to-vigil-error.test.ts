import { describe, expect, it } from 'vitest';
import { VigilError } from '../../shared/errors';
import { toVigilError } from './to-vigil-error';

describe('toVigilError', () => {
  it('passes VigilErrors through', () => {
    const e = new VigilError('NOT_FOUND', 'no job x');
    expect(toVigilError(e)).toBe(e);
  });

  it('reads code, where and hint back from a plain Error (Electron preload)', () => {
    const plain = Object.assign(new Error('bad cell'), { code: 'PARSE_ERROR', where: { file: 'a.csv', line: 3 }, hint: 'fix line 3' });
    const e = toVigilError(plain);
    expect(e).toBeInstanceOf(VigilError);
    expect(e).toMatchObject({ code: 'PARSE_ERROR', message: 'bad cell', where: { file: 'a.csv', line: 3 }, hint: 'fix line 3' });
  });

  it('treats unknown codes and codeless errors as INTERNAL', () => {
    expect(toVigilError(Object.assign(new Error('x'), { code: 'EWHATEVER' })).code).toBe('INTERNAL');
    expect(toVigilError(new TypeError('boom'))).toMatchObject({ code: 'INTERNAL', message: 'boom' });
    expect(toVigilError('text')).toMatchObject({ code: 'INTERNAL', message: 'text' });
  });
});
