/**
 * Which backend trains: native TF.js (tfjs-node-gpu → tfjs-node) when installed, otherwise the
 * engine (`vigil-native`: hand-written forward/backward, WASM SIMD GEMM). The TF.js WASM backend
 * cannot train the convolutional models (no Conv2DBackpropFilter kernel) and plain-JS TF.js (cpu)
 * trains the paper's CNN at ~50 windows/s, so both are skipped for training with that reason; the
 * cpu backend only writes the TF.js model files (tfjs-export.ts) — saved models score on the engine
 * too (saved-scorer.ts). `BackendInfo.skipped` records
 * why each better option was passed over (DESIGN.md §4).
 */
import type { BackendInfo } from '../../../shared/domain/models.js';
import { wasmKernelVariant } from './gemm-wasm.js';

export interface ResolvedBackend {
  info: BackendInfo;
  /** 'tfjs' when a native TF.js backend was loaded (train through tfjs-layers), else the engine. */
  trainer: 'tfjs' | 'vigil-native';
}

export interface ResolveOptions {
  threads?: number;
  /** Injected for tests; default: dynamic `import()`. */
  importer?: (name: string) => Promise<unknown>;
  /** Skip native TF.js even when installed (e.g. to compare against the engine). */
  forceEngine?: boolean;
}

function reasonOf(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/Cannot find (package|module)|ERR_MODULE_NOT_FOUND/i.test(msg)) return 'not installed';
  return msg.split('\n')[0]!.slice(0, 200);
}

export async function resolveBackend(opts: ResolveOptions = {}): Promise<ResolvedBackend> {
  const imp = opts.importer ?? ((n: string) => import(n));
  const threads = Math.max(1, opts.threads ?? 1);
  const skipped: BackendInfo['skipped'] = [];
  const natives: [string, BackendInfo['name'], string][] = [
    ['@tensorflow/tfjs-node-gpu', 'tensorflow-gpu', 'gpu'],
    ['@tensorflow/tfjs-node', 'tensorflow', 'cpu (libtensorflow)'],
  ];
  for (const [pkg, name, device] of natives) {
    if (opts.forceEngine) {
      skipped.push({ name, reason: 'forceEngine set' });
      continue;
    }
    try {
      await imp(pkg);
      return { info: { name, device, skipped, threads }, trainer: 'tfjs' };
    } catch (e) {
      skipped.push({ name, reason: `${pkg}: ${reasonOf(e)}` });
    }
  }
  // TF.js WASM: installed here, but without the gradient kernels the CNNs need
  try {
    const tf = (await imp('@tensorflow/tfjs-core')) as { getKernel(k: string, b: string): unknown };
    await imp('@tensorflow/tfjs-backend-wasm');
    const missing = ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad'].filter((k) => !tf.getKernel(k, 'wasm'));
    skipped.push({
      name: 'wasm',
      reason: missing.length ? `@tensorflow/tfjs-backend-wasm lacks ${missing.join(', ')} (cannot train CNN / contrastive)` : 'slower than vigil-native on these small models',
    });
  } catch (e) {
    skipped.push({ name: 'wasm', reason: `@tensorflow/tfjs-backend-wasm: ${reasonOf(e)}` });
  }
  skipped.push({ name: 'cpu', reason: 'plain-JS TF.js trains the paper CNN at ~50 windows/s (scores it at ~200/s); used only to write the TF.js model files' });
  const kernel = wasmKernelVariant() ?? 'js';
  return { info: { name: 'vigil-native', device: `cpu (${kernel} GEMM)`, skipped, threads }, trainer: 'vigil-native' };
}
