/**
 * Reads a saved TF.js layers model (`model.json` + `weights.bin`, tfjs-export.ts) straight into an
 * engine network's parameters, without TF.js: scoring (saved-scorer.ts) and explanations
 * (METHODS.md §7) run on the engine — plain-JS TF.js scores the paper's CNN at ~200 windows/s —
 * and a one-window explanation must stay under 100 ms including the load. Weights are stored in
 * TF.js `getWeights()` order, which is the engine's `params` order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VigilError } from '../../../shared/errors.js';
import type { Param } from './layers.js';

export interface SavedWeights {
  /** Manifest entries in file order. */
  specs: { name: string; shape: number[] }[];
  tensors: Float32Array[];
}

interface Manifest {
  weightsManifest?: { paths: string[]; weights: { name: string; shape: number[]; dtype?: string }[] }[];
}

/** Parses `dir/model.json` and its weight files (float32 only, as tfjs-export writes them). */
export function readSavedWeights(dir: string): SavedWeights {
  const file = join(dir, 'model.json');
  let j: Manifest;
  try {
    j = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (e) {
    throw new VigilError('NOT_FOUND', `cannot read the saved model ${file}: ${e instanceof Error ? e.message : String(e)}`, { where: { file }, hint: 'Run the comparison again with saved models (the default).' });
  }
  const groups = j.weightsManifest;
  if (!Array.isArray(groups)) throw new VigilError('UNSUPPORTED_FORMAT', 'model.json has no weightsManifest', { where: { file, field: 'weightsManifest' } });
  const specs = groups.flatMap((g) => g.weights);
  // a plain Uint8Array copy: its slices below are copies too (a Buffer's would be views)
  const bytes = new Uint8Array(Buffer.concat(groups.flatMap((g) => g.paths.map((p) => readFileSync(join(dir, p))))));
  const total = bytes.byteLength;
  const tensors: Float32Array[] = [];
  let off = 0;
  for (const s of specs) {
    if (s.dtype && s.dtype !== 'float32') throw new VigilError('UNSUPPORTED_FORMAT', `weight ${s.name} has dtype ${s.dtype}; only float32 is read`, { where: { file, field: s.name } });
    const n = s.shape.reduce((a, b) => a * b, 1);
    if (off + 4 * n > total) throw new VigilError('UNSUPPORTED_FORMAT', `weights file too short for ${s.name} (${s.shape.join('×')})`, { where: { file, field: s.name } });
    // copy: the Buffer's offset need not be 4-aligned
    tensors.push(new Float32Array(bytes.slice(off, off + 4 * n).buffer));
    off += 4 * n;
  }
  return { specs: specs.map((s) => ({ name: s.name, shape: s.shape })), tensors };
}

/** Copies saved weights into `params` (same count and element counts, else a clear error). */
export function loadIntoParams(params: readonly Param[], saved: SavedWeights, where: string): void {
  if (saved.tensors.length !== params.length) throw new VigilError('UNSUPPORTED_FORMAT', `the saved model has ${saved.tensors.length} weight tensors, the network ${params.length}`, { where: { file: where }, hint: 'The model was saved with other hyper-parameters or another Vigil version.' });
  params.forEach((p, i) => {
    const t = saved.tensors[i]!;
    if (t.length !== p.w.length) throw new VigilError('UNSUPPORTED_FORMAT', `weight ${i} (${saved.specs[i]?.name ?? p.name}) has ${t.length} values, the network's ${p.name} ${p.w.length}`, { where: { file: where, field: saved.specs[i]?.name ?? p.name } });
    p.w.set(t);
  });
}
