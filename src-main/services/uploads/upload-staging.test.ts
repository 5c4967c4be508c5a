import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Engine } from '../engine';
import { findAppRoot } from '../paths';

// The upload channels through `Engine.handle`, i.e. with the same validation both transports get.
const tmp = mkdtempSync(join(tmpdir(), 'vigil-uploads-'));
let engine: Engine;

beforeAll(async () => {
  engine = await Engine.create({ root: findAppRoot(import.meta.dirname), transport: 'loopback', workspaceDir: join(tmp, 'ws'), configDir: join(tmp, 'config'), poolSize: 1 });
});
afterAll(async () => {
  await engine.close();
  rmSync(tmp, { recursive: true, force: true });
});

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('uploads:* channels', () => {
  it('stages a file in chunks under <workspace>/uploads/<id>/<name>', async () => {
    const { uploadId } = (await engine.handle('uploads:begin', { name: 'access-A.log', bytes: 11 })) as { uploadId: string };
    expect(await engine.handle('uploads:chunk', { uploadId, offset: 0, data: b64('hello ') })).toEqual({ received: 6 });
    expect(await engine.handle('uploads:chunk', { uploadId, offset: 6, data: b64('world') })).toEqual({ received: 11 });
    const done = (await engine.handle('uploads:finish', { uploadId })) as { path: string; bytes: number };
    expect(done.path).toBe(join(tmp, 'ws', 'uploads', uploadId, 'access-A.log'));
    expect(done.bytes).toBe(11);
    expect(readFileSync(done.path, 'utf8')).toBe('hello world');
    // Finished: the id is no longer open.
    await expect(engine.handle('uploads:chunk', { uploadId, offset: 11, data: '' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([['../evil.csv'], ['a/b.csv'], ['a\\b.csv'], ['..'], [''], ['x'.repeat(300)], ['nul\0.csv']])('refuses the name %j', async (name) => {
    await expect(engine.handle('uploads:begin', { name, bytes: 1 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('refuses bad sizes, offsets, data and ids', async () => {
    await expect(engine.handle('uploads:begin', { name: 'a.csv', bytes: -1 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(engine.handle('uploads:begin', { name: 'a.csv', bytes: 1e13 })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(engine.handle('uploads:chunk', { uploadId: '../../etc', offset: 0, data: '' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(engine.handle('uploads:finish', { uploadId: 'nope' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    const { uploadId } = (await engine.handle('uploads:begin', { name: 'b.csv', bytes: 4 })) as { uploadId: string };
    await expect(engine.handle('uploads:chunk', { uploadId, offset: 0, data: 'not base64!' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(engine.handle('uploads:chunk', { uploadId, offset: 2, data: b64('ab') })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    // Unfinished: finish refuses, naming the shortfall.
    await expect(engine.handle('uploads:finish', { uploadId })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    // More than announced cancels the upload.
    await expect(engine.handle('uploads:chunk', { uploadId, offset: 0, data: b64('abcdef') })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(engine.handle('uploads:finish', { uploadId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cancel removes the staged folder', async () => {
    const { uploadId } = (await engine.handle('uploads:begin', { name: 'c.log.gz', bytes: 10 })) as { uploadId: string };
    await engine.handle('uploads:chunk', { uploadId, offset: 0, data: b64('12345') });
    const dir = join(tmp, 'ws', 'uploads', uploadId);
    expect(existsSync(join(dir, 'c.log.gz'))).toBe(true);
    expect(await engine.handle('uploads:cancel', { uploadId })).toEqual({ cancelled: true });
    expect(existsSync(dir)).toBe(false);
    expect(existsSync(dirname(dir))).toBe(true);
    expect(await engine.handle('uploads:cancel', { uploadId })).toEqual({ cancelled: false });
  });
});
