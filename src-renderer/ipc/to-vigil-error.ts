import type { SerializedError } from '../../shared/domain/jobs';
import { deserializeError, VigilError } from '../../shared/errors';

/**
 * Any thrown thing as a VigilError. The loopback client already rejects with VigilErrors; the
 * Electron preload throws plain `Error`s carrying `code`/`where`/`hint` (class identity does not
 * survive contextBridge), so those fields are read back here. Anything else is a bug: INTERNAL.
 */
export function toVigilError(e: unknown): VigilError {
  if (e instanceof VigilError) return e;
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') {
    const x = e as { code?: unknown; message: string; where?: unknown; hint?: unknown };
    if (typeof x.code === 'string') {
      const s: SerializedError = { code: x.code, message: x.message };
      if (x.where && typeof x.where === 'object') s.where = x.where as NonNullable<SerializedError['where']>;
      if (typeof x.hint === 'string') s.hint = x.hint;
      return deserializeError(s);
    }
    return new VigilError('INTERNAL', x.message, { cause: e });
  }
  return new VigilError('INTERNAL', String(e));
}
