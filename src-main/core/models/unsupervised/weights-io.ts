/**
 * Parameters of the unsupervised TF.js graphs, and their persistence: `ParamStore` creates
 * seeded tf.Variables (engine/rng.ts initialisers, so a run is reproducible from its seed) and
 * converts them to / from `SavedDetector.weights`; `writeDetector` / `readDetector` store a
 * detector per run and fold as `model.json` (meta + weight manifest) + `weights.bin`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNSUPERVISED_MODELS, type UnsupervisedModelKind } from '../../../../shared/domain/models.js';
import { VigilError } from '../../../../shared/errors.js';
import { glorotUniform, type Rng } from '../../engine/rng.js';
import { tf } from './tf-runtime.js';
import type { SavedDetector } from './types.js';

export type ParamInit = 'glorot' | 'zeros' | 'ones' | 'normal';

export class ParamStore {
  private readonly vars = new Map<string, tf.Variable>();

  /**
   * A trainable variable. 'glorot' treats the last axis as fan-out and the product of the others
   * as fan-in (a dense kernel [in, out]); 'normal' draws N(0, 1)·0.1 (query vectors, prototypes).
   */
  add(name: string, shape: number[], init: ParamInit, rng: Rng): tf.Variable {
    if (this.vars.has(name)) throw new Error(`parameter ${name} defined twice`);
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    if (init === 'glorot') {
      const out = shape[shape.length - 1] ?? 1;
      glorotUniform(rng, data, size / out, out);
    } else if (init === 'ones') data.fill(1);
    else if (init === 'normal') for (let i = 0; i < size; i++) data[i] = 0.1 * rng.normal();
    const initial = tf.tensor(data, shape, 'float32');
    const v = tf.variable(initial, true, `${name}_${nextId++}`);
    initial.dispose(); // the variable holds its own reference to the data; the initial tensor would leak
    this.vars.set(name, v);
    return v;
  }

  get(name: string): tf.Variable {
    const v = this.vars.get(name);
    if (!v) throw new Error(`no parameter ${name}`);
    return v;
  }

  list(): tf.Variable[] {
    return [...this.vars.values()];
  }

  get count(): number {
    let c = 0;
    for (const v of this.vars.values()) c += v.size;
    return c;
  }

  /** Weights in definition order, as `SavedDetector.weights` (copies). */
  toSaved(): SavedDetector['weights'] {
    return [...this.vars.entries()].map(([name, v]) => ({ name, shape: [...v.shape], data: v.dataSync() as Float32Array }));
  }

  /** Overwrites every variable from saved weights; names and shapes must match exactly. */
  assign(saved: SavedDetector['weights']): void {
    const byName = new Map(saved.map((w) => [w.name, w]));
    for (const [name, v] of this.vars) {
      const w = byName.get(name);
      if (!w) throw new VigilError('INVALID_SETTINGS', `the saved model has no weight "${name}"`, { where: { field: name }, hint: 'The model file was written by another version of Vigil; train the model again.' });
      if (w.shape.length !== v.shape.length || w.shape.some((d, i) => d !== v.shape[i])) {
        throw new VigilError('INVALID_SETTINGS', `weight "${name}" has shape [${w.shape.join(', ')}], expected [${v.shape.join(', ')}]`, { where: { field: name }, hint: 'The model file was written by another version of Vigil; train the model again.' });
      }
      const t = tf.tensor(w.data, v.shape, 'float32');
      v.assign(t);
      t.dispose(); // assign() keeps its own reference to the data
    }
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }
}

let nextId = 0;

export const DETECTOR_FORMAT = 'vigil-unsupervised-detector';
export const DETECTOR_FORMAT_VERSION = 1;

interface ModelJson {
  format: string;
  formatVersion: number;
  kind: UnsupervisedModelKind;
  meta: Record<string, unknown>;
  weightsManifest: { name: string; shape: number[]; offset: number; length: number }[];
}

/** Writes `dir/model.json` + `dir/weights.bin` (float32, little-endian, manifest order). */
export function writeDetector(dir: string, saved: SavedDetector): void {
  mkdirSync(dir, { recursive: true });
  let offset = 0;
  const manifest = saved.weights.map((w) => {
    const e = { name: w.name, shape: w.shape, offset, length: w.data.length };
    offset += w.data.length;
    return e;
  });
  const all = new Float32Array(offset);
  for (let i = 0; i < saved.weights.length; i++) all.set(saved.weights[i]!.data, manifest[i]!.offset);
  const json: ModelJson = { format: DETECTOR_FORMAT, formatVersion: DETECTOR_FORMAT_VERSION, kind: saved.kind, meta: saved.meta, weightsManifest: manifest };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  writeFileSync(join(dir, 'weights.bin'), new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
}

/** True when `dir/model.json` holds an unsupervised detector (not a TF.js layers model). */
export function isDetectorDir(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { format?: unknown }).format === DETECTOR_FORMAT;
  } catch {
    return false;
  }
}

/** Reads what `writeDetector` wrote; a file from another format version is a clear error. */
export function readDetector(dir: string): SavedDetector {
  const file = join(dir, 'model.json');
  let json: ModelJson;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as ModelJson;
  } catch (e) {
    throw new VigilError('PARSE_ERROR', `${file}: not a readable model file (${e instanceof Error ? e.message : String(e)})`, { where: { file } });
  }
  if (json.format !== DETECTOR_FORMAT) throw new VigilError('UNSUPPORTED_FORMAT', `${file}: not an unsupervised detector (format ${String(json.format)})`, { where: { file, field: 'format' } });
  if (json.formatVersion !== DETECTOR_FORMAT_VERSION) {
    throw new VigilError('UNSUPPORTED_FORMAT', `${file}: detector format version ${String(json.formatVersion)}, this Vigil reads version ${DETECTOR_FORMAT_VERSION}`, { where: { file, field: 'formatVersion' }, hint: 'Train the model again with this version.' });
  }
  if (!(UNSUPERVISED_MODELS as readonly string[]).includes(json.kind)) throw new VigilError('UNSUPPORTED_FORMAT', `${file}: unknown detector kind "${String(json.kind)}"`, { where: { file, field: 'kind' } });
  const bin = readFileSync(join(dir, 'weights.bin'));
  const all = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
  const weights = json.weightsManifest.map((m) => {
    if (m.offset + m.length > all.length) throw new VigilError('PARSE_ERROR', `${join(dir, 'weights.bin')}: too short for weight "${m.name}"`, { where: { file: join(dir, 'weights.bin'), field: m.name } });
    return { name: m.name, shape: m.shape, data: all.slice(m.offset, m.offset + m.length) };
  });
  return { kind: json.kind, meta: json.meta, weights };
}

/** A finite number of `saved.meta` (F, W, threshold…), or a PARSE_ERROR naming the key. */
export function savedMetaNumber(saved: SavedDetector, key: string): number {
  const v = saved.meta[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new VigilError('PARSE_ERROR', `saved ${saved.kind} detector: meta.${key} is missing or not a number`, { where: { field: key } });
  return v;
}

/** What every saved detector starts with: its kind checked, the config (saved over the defaults, then checked), F and W. */
export function savedHeader<C>(saved: SavedDetector, kind: SavedDetector['kind'], defaults: C, check: (cfg: C) => void): { cfg: C; F: number; W: number } {
  if (saved.kind !== kind) throw new VigilError('UNSUPPORTED_FORMAT', `expected a ${kind} detector, got ${saved.kind}`, { where: { field: 'kind' } });
  const cfg = { ...defaults, ...(saved.meta['config'] as Partial<C>) } as C;
  check(cfg);
  return { cfg, F: savedMetaNumber(saved, 'F'), W: savedMetaNumber(saved, 'W') };
}

/** A non-parameter array of `saved.weights` (memory bank, prototype statistics) of shape `shape` (−1 = any size). */
export function savedArray(saved: SavedDetector, name: string, shape: number[]): Float32Array {
  const w = saved.weights.find((x) => x.name === name);
  if (!w || w.shape.length !== shape.length || w.shape.some((s, i) => shape[i]! >= 0 && s !== shape[i])) {
    throw new VigilError('PARSE_ERROR', `saved ${saved.kind} detector: weight "${name}" is missing or not [${shape.map((s) => (s < 0 ? 'n' : s)).join(', ')}]`, { where: { field: name } });
  }
  return w.data;
}
