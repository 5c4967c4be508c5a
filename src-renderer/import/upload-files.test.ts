import { describe, expect, it } from 'vitest';
import { bytesToBase64, estimateRemainingMs, planChunks, uploadFiles, type UploadSource } from './upload-files';

function fakeEngine() {
  const calls: [string, Record<string, unknown>][] = [];
  const files = new Map<string, { name: string; data: Buffer }>();
  let n = 0;
  const api = {
    invoke: async (channel: string, req: Record<string, unknown>): Promise<never> => {
      calls.push([channel, req]);
      switch (channel) {
        case 'uploads:begin': {
          const id = `upload-${++n}-xxxx`;
          files.set(id, { name: String(req['name']), data: Buffer.alloc(0) });
          return { uploadId: id } as never;
        }
        case 'uploads:chunk': {
          const f = files.get(String(req['uploadId']))!;
          expect(req['offset']).toBe(f.data.length);
          f.data = Buffer.concat([f.data, Buffer.from(String(req['data']), 'base64')]);
          return { received: f.data.length } as never;
        }
        case 'uploads:finish': {
          const f = files.get(String(req['uploadId']))!;
          return { path: `/ws/uploads/${String(req['uploadId'])}/${f.name}`, bytes: f.data.length } as never;
        }
        case 'uploads:cancel':
          return { cancelled: files.delete(String(req['uploadId'])) } as never;
      }
      throw new Error(channel);
    },
  };
  return { api: api as never, calls, files };
}

const file = (name: string, text: string): UploadSource => Object.assign(new Blob([text]), { name });

describe('planChunks', () => {
  it('covers the file with ranges of at most chunkBytes', () => {
    expect(planChunks(10, 4)).toEqual([
      { offset: 0, end: 4 },
      { offset: 4, end: 8 },
      { offset: 8, end: 10 },
    ]);
    expect(planChunks(8, 4)).toHaveLength(2);
    expect(planChunks(0, 4)).toEqual([]);
    expect(() => planChunks(5, 0)).toThrow();
  });
});

describe('bytesToBase64', () => {
  it('matches Node for large inputs (more than one String.fromCharCode batch)', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });
});

describe('estimateRemainingMs', () => {
  it('extrapolates the rate so far', () => {
    expect(estimateRemainingMs(0, 100, 1000)).toBeNull();
    expect(estimateRemainingMs(25, 100, 1000)).toBe(3000);
    expect(estimateRemainingMs(100, 100, 1000)).toBe(0);
  });
});

describe('uploadFiles', () => {
  it('sends every file in ordered chunks and returns the staged paths', async () => {
    const { api, calls, files } = fakeEngine();
    const progress: number[] = [];
    const staged = await uploadFiles(api, [file('a.csv', 'abcdefghij'), file('b.log', 'xyz')], { chunkBytes: 4, onProgress: (p) => progress.push(p.doneBytes) });
    expect(staged).toEqual([
      { name: 'a.csv', path: '/ws/uploads/upload-1-xxxx/a.csv', bytes: 10 },
      { name: 'b.log', path: '/ws/uploads/upload-2-xxxx/b.log', bytes: 3 },
    ]);
    expect([...files.values()].map((f) => f.data.toString())).toEqual(['abcdefghij', 'xyz']);
    expect(calls.filter(([c]) => c === 'uploads:chunk')).toHaveLength(4);
    expect(progress.at(-1)).toBe(13);
  });

  it('cancels the upload in flight when aborted', async () => {
    const { api, calls } = fakeEngine();
    const ctl = new AbortController();
    const p = uploadFiles(api, [file('a.csv', 'abcdefghij')], { chunkBytes: 4, signal: ctl.signal, onProgress: (x) => x.doneBytes >= 4 && ctl.abort() });
    await expect(p).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    expect(calls.at(-1)?.[0]).toBe('uploads:cancel');
    expect(calls.some(([c]) => c === 'uploads:finish')).toBe(false);
  });
});
