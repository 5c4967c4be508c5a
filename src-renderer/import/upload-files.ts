import type { VigilApi } from '../../shared/ipc/contract';
import { VigilError } from '../../shared/errors';

/**
 * Sending files to the engine in a renderer that has no file paths (a browser over the loopback
 * transport): each file goes `uploads:begin` → `uploads:chunk`… → `uploads:finish`, in base64
 * chunks that keep one wire message far under its 16 MiB limit. Pure except for the `api` and
 * the Blob reads it is handed, so it is unit-tested with a fake engine.
 */

/** Bytes per chunk before base64 (the contract allows up to 4 MiB). */
export const DEFAULT_CHUNK_BYTES = 2 * 1024 * 1024;

export interface ChunkRange {
  offset: number;
  end: number;
}

/** [offset, end) ranges covering `size` bytes; an empty file still gets no chunks (begin+finish suffice). */
export function planChunks(size: number, chunkBytes = DEFAULT_CHUNK_BYTES): ChunkRange[] {
  if (!(chunkBytes > 0)) throw new Error('chunkBytes must be positive');
  const out: ChunkRange[] = [];
  for (let offset = 0; offset < size; offset += chunkBytes) out.push({ offset, end: Math.min(size, offset + chunkBytes) });
  return out;
}

/** Base64 of raw bytes without a 1-char-per-byte string the size of the chunk in one call. */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) bin += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(bin);
}

/** Remaining time from the rate so far; null until there is a rate to go by. */
export function estimateRemainingMs(done: number, total: number, elapsedMs: number): number | null {
  if (done <= 0 || elapsedMs <= 0 || total <= 0) return null;
  if (done >= total) return 0;
  return ((total - done) * elapsedMs) / done;
}

/** The part of a browser `File` the uploader reads (a plain Blob with a name in tests). */
export interface UploadSource {
  name: string;
  size: number;
  slice(start: number, end: number): Blob;
}

export interface UploadProgress {
  /** File being sent (index into the list). */
  fileIndex: number;
  doneBytes: number;
  totalBytes: number;
  etaMs: number | null;
}

export interface StagedFile {
  name: string;
  path: string;
  bytes: number;
}

/**
 * Uploads the files one after another and returns where the engine staged them. Aborting the
 * signal cancels the upload in flight (`uploads:cancel` removes its partial file) and rejects
 * with JOB_CANCELLED; files already finished stay staged for the import that follows.
 */
export async function uploadFiles(
  api: Pick<VigilApi, 'invoke'>,
  files: readonly UploadSource[],
  opts: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal; chunkBytes?: number; now?: () => number } = {},
): Promise<StagedFile[]> {
  const now = opts.now ?? (() => performance.now());
  const totalBytes = files.reduce((a, f) => a + f.size, 0);
  const started = now();
  let doneBytes = 0;
  const report = (fileIndex: number) => opts.onProgress?.({ fileIndex, doneBytes, totalBytes, etaMs: estimateRemainingMs(doneBytes, totalBytes, now() - started) });
  const checkAbort = () => {
    if (opts.signal?.aborted) throw new VigilError('JOB_CANCELLED', 'the upload was cancelled');
  };
  const staged: StagedFile[] = [];
  for (const [i, file] of files.entries()) {
    checkAbort();
    report(i);
    const { uploadId } = await api.invoke('uploads:begin', { name: file.name, bytes: file.size });
    try {
      for (const c of planChunks(file.size, opts.chunkBytes)) {
        checkAbort();
        const bytes = new Uint8Array(await file.slice(c.offset, c.end).arrayBuffer());
        await api.invoke('uploads:chunk', { uploadId, offset: c.offset, data: bytesToBase64(bytes) });
        doneBytes += bytes.length;
        report(i);
      }
      checkAbort();
      const done = await api.invoke('uploads:finish', { uploadId });
      staged.push({ name: file.name, path: done.path, bytes: done.bytes });
    } catch (e) {
      await api.invoke('uploads:cancel', { uploadId }).catch(() => undefined);
      throw e;
    }
  }
  return staged;
}
