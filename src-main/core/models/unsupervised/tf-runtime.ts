/**
 * TF.js for the unsupervised detectors (METHODS.md §6): they are TF.js graphs trained with TF.js
 * autograd (variableGrads / optimizers), unlike the supervised models that run on the engine's
 * hand-written kernels. Backend, best first: tfjs-node-gpu → tfjs-node → wasm → cpu (the same
 * order as engine/backend-resolve.ts). The encoders use only matMul / elementwise / reductions, so
 * the WASM backend (which lacks conv gradients) can train them.
 *
 * Gradients: the CommonJS build of @tensorflow/tfjs-core that Node loads registers no gradient
 * functions; @tensorflow/tfjs-layers registers all of core's into the global (shared) gradient
 * registry when it loads, so it is imported by value here (a bare import would be dropped by the
 * bundler because the package is marked side-effect free).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { BackendInfo } from '../../../../shared/domain/models.js';

export { tf };

/** Keeps the tfjs-layers import (and with it the gradient registrations) in the bundle. */
export const gradientsRegisteredBy = typeof tfl.layers;

let resolved: Promise<BackendInfo> | null = null;

function reasonOf(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/Cannot find (package|module)|ERR_MODULE_NOT_FOUND/i.test(msg)) return 'not installed';
  return msg.split('\n')[0]!.slice(0, 200);
}

async function resolveOnce(prefer?: BackendInfo['name']): Promise<BackendInfo> {
  tf.env().set('PROD', true);
  const skipped: BackendInfo['skipped'] = [];
  const natives: [string, BackendInfo['name'], string, string][] = [
    ['@tensorflow/tfjs-node-gpu', 'tensorflow-gpu', 'gpu', 'tensorflow'],
    ['@tensorflow/tfjs-node', 'tensorflow', 'cpu (libtensorflow)', 'tensorflow'],
  ];
  for (const [pkg, name, device, tfName] of natives) {
    if (prefer === 'wasm' || prefer === 'cpu') {
      skipped.push({ name, reason: `backend ${prefer} requested` });
      continue;
    }
    try {
      await import(/* @vite-ignore */ pkg);
      if (await tf.setBackend(tfName)) return { name, device, skipped, threads: 1 };
      skipped.push({ name, reason: `${pkg}: backend did not initialise` });
    } catch (e) {
      skipped.push({ name, reason: `${pkg}: ${reasonOf(e)}` });
    }
  }
  if (prefer !== 'cpu') {
    try {
      await import('@tensorflow/tfjs-backend-wasm');
      if (await tf.setBackend('wasm')) return { name: 'wasm', device: 'cpu (TF.js WebAssembly)', skipped, threads: 1 };
      skipped.push({ name: 'wasm', reason: 'the WebAssembly backend did not initialise' });
    } catch (e) {
      skipped.push({ name: 'wasm', reason: `@tensorflow/tfjs-backend-wasm: ${reasonOf(e)}` });
    }
  } else skipped.push({ name: 'wasm', reason: 'backend cpu requested' });
  const { MathBackendCPU } = await import('@tensorflow/tfjs-backend-cpu');
  if (!tf.findBackend('cpu')) tf.registerBackend('cpu', () => new MathBackendCPU(), 1);
  await tf.setBackend('cpu');
  return { name: 'cpu', device: 'cpu (plain-JS TF.js)', skipped, threads: 1 };
}

/**
 * Selects the best TF.js backend once per thread (later calls return the same answer).
 * `prefer` ('wasm' | 'cpu') skips the better ones, for tests and benches.
 */
export function ensureTfBackend(prefer?: BackendInfo['name']): Promise<BackendInfo> {
  if (prefer) return resolveOnce(prefer);
  resolved ??= resolveOnce();
  return resolved;
}
