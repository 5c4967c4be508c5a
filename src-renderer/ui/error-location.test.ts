import { describe, expect, it } from 'vitest';
import { withoutLocation } from './ErrorNotice';

describe('withoutLocation', () => {
  it('strips the file:line:column (field) prefix the engine already wrote', () => {
    const where = { file: 'a.csv', line: 3, column: 2, field: '/x' };
    expect(withoutLocation({ message: 'a.csv:3:2 (/x): "abc" is not a number', where })).toEqual({ prefixed: true, rest: '"abc" is not a number' });
    expect(withoutLocation({ message: 'bad header', where })).toEqual({ prefixed: false, rest: 'bad header' });
    expect(withoutLocation({ message: 'no where', where: undefined })).toEqual({ prefixed: false, rest: 'no where' });
  });
});
