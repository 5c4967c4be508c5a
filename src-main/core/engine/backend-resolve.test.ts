import { describe, expect, it } from 'vitest';
import { resolveBackend } from './backend-resolve.js';

describe('resolveBackend', () => {
  it('falls back to vigil-native here and says why each better backend was skipped', async () => {
    const r = await resolveBackend({ threads: 2 });
    expect(r.trainer).toBe('vigil-native');
    expect(r.info.name).toBe('vigil-native');
    expect(r.info.threads).toBe(2);
    expect(r.info.device).toMatch(/wasm-simd/);
    const names = r.info.skipped.map((s) => s.name);
    expect(names).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
    expect(r.info.skipped[0]!.reason).toMatch(/not installed/);
    expect(r.info.skipped[2]!.reason).toMatch(/Conv2DBackpropFilter/);
  });

  it('picks tfjs-node-gpu, then tfjs-node, when importable', async () => {
    const gpu = await resolveBackend({ importer: async () => ({}) });
    expect(gpu.info.name).toBe('tensorflow-gpu');
    expect(gpu.trainer).toBe('tfjs');
    const node = await resolveBackend({
      importer: async (n) => {
        if (n.endsWith('-gpu')) throw new Error('libcudart.so.11.0: cannot open shared object file');
        return {};
      },
    });
    expect(node.info.name).toBe('tensorflow');
    expect(node.info.skipped[0]!.reason).toMatch(/libcudart/);
  });
});
