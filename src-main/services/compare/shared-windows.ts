import type { WindowSet } from '../../../shared/domain/windows';

function share<T extends Float32Array | Float64Array | Uint8Array | Int32Array>(a: T, make: (b: SharedArrayBuffer) => T): T {
  const out = make(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

/** The window set on SharedArrayBuffers: posted to every worker without a copy. */
export function shareWindows(w: WindowSet): WindowSet {
  return {
    ...w,
    x: share(w.x, (b) => new Float32Array(b)),
    y: share(w.y, (b) => new Uint8Array(b)),
    endMs: share(w.endMs, (b) => new Float64Array(b)),
    objectIndex: share(w.objectIndex, (b) => new Int32Array(b)),
    outageIndex: share(w.outageIndex, (b) => new Int32Array(b)),
  };
}
