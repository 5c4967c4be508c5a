import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, type EventMap, type EventName, type VigilApi } from '../../shared/ipc/contract';
import type { SerializedError } from '../../shared/domain/jobs';

/**
 * The sandboxed preload exposes exactly the contract's surface (`VigilApi`) — never ipcRenderer
 * itself. Requests travel as ('vigil:invoke', channel, payload); the main process validates them.
 */
const api: VigilApi = {
  transport: 'electron',
  invoke: async (channel, request) => {
    const reply = (await ipcRenderer.invoke('vigil:invoke', channel, request)) as { ok: true; result: unknown } | { ok: false; error: SerializedError };
    if (reply.ok) return reply.result as never;
    const err = new Error(reply.error.message) as Error & { code?: string; where?: unknown; hint?: string };
    err.name = 'VigilError';
    err.code = reply.error.code;
    err.where = reply.error.where;
    if (reply.error.hint) err.hint = reply.error.hint;
    throw err;
  },
  on: <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) => {
    if (!EVENT_NAMES.includes(event)) throw new Error(`unknown event ${String(event)}`);
    const wrapped = (_e: IpcRendererEvent, payload: EventMap[E]) => listener(payload);
    ipcRenderer.on(`vigil:event:${event}`, wrapped);
    return () => ipcRenderer.off(`vigil:event:${event}`, wrapped);
  },
};

contextBridge.exposeInMainWorld('vigil', api);
