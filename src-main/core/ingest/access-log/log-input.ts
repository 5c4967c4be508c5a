import { Readable } from 'node:stream';
import { createGunzip, type ZlibOptions } from 'node:zlib';

/**
 * Turns raw file bytes into decompressed bytes, streaming. gzip is recognised by its magic
 * bytes (1f 8b), not by the file name, so `access.log.1` that happens to be gzipped works too.
 * Concatenated gzip members (logrotate + `cat`) are handled by zlib. If the consumer stops early
 * (an error in line 12), the source iterator is closed so a file stream releases its descriptor.
 */
export async function* decodeLogBytes(input: AsyncIterable<Buffer>, onGzip?: () => void): AsyncGenerator<Buffer> {
  const it = input[Symbol.asyncIterator]();
  let finished = false;
  const next = async (): Promise<Buffer | null> => {
    const r = await it.next();
    if (r.done) {
      finished = true;
      return null;
    }
    return Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as Uint8Array);
  };
  const close = async () => {
    if (!finished) {
      finished = true;
      await it.return?.();
    }
  };
  try {
    const head: Buffer[] = [];
    let headLen = 0;
    while (headLen < 2) {
      const b = await next();
      if (!b) break;
      if (b.length === 0) continue;
      head.push(b);
      headLen += b.length;
    }
    const first = head.length === 1 ? head[0]! : Buffer.concat(head);
    const gz = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
    if (!gz) {
      if (first.length) yield first;
      for (let b = await next(); b; b = await next()) yield b;
      return;
    }
    onGzip?.();
    async function* raw(): AsyncGenerator<Buffer> {
      try {
        yield first;
        for (let b = await next(); b; b = await next()) yield b;
      } finally {
        await close();
      }
    }
    // A deep read buffer lets zlib (libuv thread pool) inflate the next chunks while this thread
    // parses. zlib hands these options to its Transform base; @types/node omits highWaterMark.
    const zopts: ZlibOptions & { highWaterMark: number } = { chunkSize: 256 * 1024, highWaterMark: 4 * 1024 * 1024 };
    const gunzip = createGunzip(zopts);
    const src = Readable.from(raw(), { objectMode: false });
    src.on('error', (e) => gunzip.destroy(e));
    src.pipe(gunzip);
    try {
      for await (const chunk of gunzip) yield chunk as Buffer;
    } finally {
      src.destroy();
      gunzip.destroy();
    }
  } finally {
    await close();
  }
}
