import { ipcMain, type WebContents, type IpcMainInvokeEvent } from 'electron';
import { serializeError, VigilError } from '../../shared/errors';
import type { Engine } from '../services/engine';

/**
 * Electron side of the one contract. Only frames loaded from the app's own renderer (file://
 * inside the app bundle) may call; the payload is validated by Engine.handle like the
 * loopback transport's.
 */
export function attachIpcTransport(engine: Engine, isTrustedUrl: (url: string) => boolean): () => void {
  const targets = new Set<WebContents>();
  ipcMain.handle('vigil:invoke', async (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) return { ok: false, error: serializeError(new VigilError('UNAUTHORIZED', `request from an untrusted frame refused`)) };
    targets.add(event.sender);
    event.sender.once('destroyed', () => targets.delete(event.sender));
    try {
      return { ok: true, result: await engine.handle(channel, payload) };
    } catch (e) {
      return { ok: false, error: serializeError(e) };
    }
  });
  const off = engine.onEvent((name, payload) => {
    for (const wc of targets) if (!wc.isDestroyed()) wc.send(`vigil:event:${name}`, payload);
  });
  return () => {
    off();
    ipcMain.removeHandler('vigil:invoke');
  };
}
