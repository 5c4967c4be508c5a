import { env, findBackend, registerBackend } from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

/**
 * TF.js in a worker: the plain-JS CPU backend writes the TF.js model files and runs the
 * unsupervised detectors where nothing faster loads (supervised models train and score on the
 * engine's own kernels). Registered by value because the package is marked side-effect free and
 * a bundler would drop a bare import. PROD silences the "install tfjs-node" banner that would
 * otherwise repeat in every worker's log; the backend choice is reported in each run instead.
 */
export function setupTfjs(): void {
  env().set('PROD', true);
  if (!findBackend('cpu')) registerBackend('cpu', () => new MathBackendCPU(), 1);
}
