import { randomUUID } from 'node:crypto';
import { mkdir, open, rm, stat, type FileHandle } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { UploadName } from '../../../shared/ipc/schemas';
import { VigilError } from '../../../shared/errors';

/** Uploads idle this long are dropped (their files removed) at the next `begin`. */
const STALE_MS = 60 * 60 * 1000;
/** At most this many uploads open at once per engine (a drop of many files is uploaded in turn). */
const MAX_OPEN = 64;

interface OpenUpload {
  id: string;
  name: string;
  bytes: number;
  /** Bytes written so far; chunks must arrive in order (offset = received). */
  received: number;
  dir: string;
  path: string;
  file: FileHandle;
  touchedMs: number;
}

/**
 * Staging for files sent from a renderer that has no file paths (a browser over the loopback
 * transport, DESIGN.md §2): `begin` → `chunk`… → `finish` writes `<workspace>/uploads/<id>/<name>`,
 * whose path the import job then reads. Names are plain file names (checked again here, not only
 * by the schema); sizes are declared up front and enforced; `cancel` removes what was written.
 */
export class UploadStaging {
  private readonly open = new Map<string, OpenUpload>();

  constructor(private readonly workspaceDir: () => string) {}

  async begin(name: string, bytes: number): Promise<{ uploadId: string }> {
    const checked = UploadName.safeParse(name);
    if (!checked.success) throw new VigilError('INVALID_REQUEST', `upload name ${JSON.stringify(name).slice(0, 80)}: ${checked.error.issues[0]?.message ?? 'invalid'}`, { where: { field: 'name' } });
    await this.dropStale();
    if (this.open.size >= MAX_OPEN) throw new VigilError('INVALID_REQUEST', `too many uploads in progress (${this.open.size})`, { hint: 'Finish or cancel the uploads in progress first.' });
    const id = randomUUID();
    const root = resolve(this.workspaceDir(), 'uploads');
    const dir = join(root, id);
    const path = resolve(dir, name);
    // Belt and braces: the resolved path must stay inside this upload's folder.
    if (!path.startsWith(dir + sep)) throw new VigilError('INVALID_REQUEST', 'upload name leaves the staging folder', { where: { field: 'name' } });
    await mkdir(dir, { recursive: true });
    const file = await open(path, 'wx');
    this.open.set(id, { id, name, bytes, received: 0, dir, path, file, touchedMs: Date.now() });
    return { uploadId: id };
  }

  async chunk(uploadId: string, offset: number, data: string): Promise<{ received: number }> {
    const u = this.get(uploadId);
    if (offset !== u.received) throw new VigilError('INVALID_REQUEST', `chunk at offset ${offset}, expected ${u.received}`, { where: { field: 'offset' } });
    const buf = Buffer.from(data, 'base64');
    if (u.received + buf.length > u.bytes) {
      await this.cancel(uploadId);
      throw new VigilError('INVALID_REQUEST', `${u.name}: more data than the ${u.bytes} bytes announced; the upload was cancelled`, { where: { file: u.name, field: 'data' } });
    }
    await u.file.write(buf, 0, buf.length, offset);
    u.received += buf.length;
    u.touchedMs = Date.now();
    return { received: u.received };
  }

  async finish(uploadId: string): Promise<{ path: string; bytes: number }> {
    const u = this.get(uploadId);
    if (u.received !== u.bytes) throw new VigilError('INVALID_REQUEST', `${u.name}: received ${u.received} of ${u.bytes} bytes`, { where: { file: u.name } });
    await u.file.close();
    this.open.delete(uploadId);
    const s = await stat(u.path);
    return { path: u.path, bytes: s.size };
  }

  async cancel(uploadId: string): Promise<{ cancelled: boolean }> {
    const u = this.open.get(uploadId);
    if (!u) return { cancelled: false };
    this.open.delete(uploadId);
    await u.file.close().catch(() => undefined);
    await rm(u.dir, { recursive: true, force: true });
    return { cancelled: true };
  }

  /** Closes and removes every unfinished upload (engine shutdown, workspace switch). */
  async cancelAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.cancel(id)));
  }

  private get(uploadId: string): OpenUpload {
    const u = this.open.get(uploadId);
    if (!u) throw new VigilError('NOT_FOUND', `upload ${uploadId} is not in progress`, { hint: 'It finished, was cancelled, or the engine restarted: upload the file again.' });
    return u;
  }

  private async dropStale(): Promise<void> {
    const now = Date.now();
    await Promise.all([...this.open.values()].filter((u) => now - u.touchedMs > STALE_MS).map((u) => this.cancel(u.id)));
  }
}
