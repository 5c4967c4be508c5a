import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { expectInputError } from '../ingest-test-helpers';
import { decodeText } from './decode-text';

describe('decodeText', () => {
  it('reads UTF-8 and reports it', () => {
    expect(decodeText(Buffer.from('"Time","/서버/WAS-1"\n'), 'a.csv')).toEqual({ text: '"Time","/서버/WAS-1"\n', encoding: 'utf-8', bom: false });
  });

  it('strips a UTF-8 BOM', () => {
    const r = decodeText(Buffer.from('\uFEFF"Time"\n'), 'a.csv');
    expect(r).toEqual({ text: '"Time"\n', encoding: 'utf-8', bom: true });
  });

  it('falls back to CP949 for Korean Windows exports (SCOUTER-CSV.md §3)', () => {
    const bytes = iconv.encode('"Time","/결제서버/WAS-가"\n', 'cp949');
    const r = decodeText(bytes, 'a.csv');
    expect(r.encoding).toBe('cp949');
    expect(r.text).toBe('"Time","/결제서버/WAS-가"\n');
  });

  it('reads UTF-16 with a BOM', () => {
    const r = decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Time,a\n', 'utf16le')]), 'a.csv');
    expect(r).toEqual({ text: 'Time,a\n', encoding: 'utf-16le', bom: true });
  });

  it('rejects zero bytes as EMPTY_INPUT', () => {
    expectInputError(() => decodeText(new Uint8Array(0), 'a.csv'), { code: 'EMPTY_INPUT', file: 'a.csv', says: 'empty' });
  });

  it('rejects binary data (NUL bytes)', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
    expectInputError(() => decodeText(zip, 'a.csv'), { code: 'UNSUPPORTED_FORMAT', file: 'a.csv', line: 1, field: 'bytes', says: 'binary' });
  });

  it('rejects mostly-control-character data', () => {
    const junk = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expectInputError(() => decodeText(junk, 'a.csv'), { code: 'UNSUPPORTED_FORMAT', file: 'a.csv', says: 'binary' });
  });

  it('rejects bytes that are neither UTF-8 nor CP949, naming the line', () => {
    const bytes = Buffer.concat([Buffer.from('"Time"\n"'), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from('"\n')]);
    expectInputError(() => decodeText(bytes, 'a.csv'), { code: 'UNSUPPORTED_FORMAT', file: 'a.csv', line: 2, says: 'neither UTF-8 nor CP949' });
  });
});
