import { createHash } from 'node:crypto';

/** First 16 hex digits of SHA-256 over ascending indices as little-endian int32 (PROTOCOL.md §5). */
export function indexHash(indices: Int32Array): string {
  const buf = Buffer.alloc(indices.length * 4);
  indices.forEach((v, i) => buf.writeInt32LE(v, i * 4));
  return createHash('sha256').update(buf).digest('hex').slice(0, 16);
}
