/**
 * TF.js interop: engine weights → a TF.js layers model (same architecture, `model.json` +
 * weights binary, the format `tf.loadLayersModel` reads), so scoring and the GPU path
 * (tfjs-node-gpu where installable) can use a model trained here.
 */
import * as tfc from '@tensorflow/tfjs-core';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import * as tflayers from '@tensorflow/tfjs-layers';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineNet, Tfl } from './net.js';

export interface TfjsModules {
  tf: typeof tfc;
  tfl: Tfl;
}

let modsP: Promise<TfjsModules> | null = null;

/** Referenced so bundlers keep the cpu backend's registration (its package marks it side-effect free). */
export const TFJS_CPU_BACKEND_VERSION: string = version_cpu;

/**
 * tfjs-core + layers on the best already-registered backend (cpu when nothing else is set).
 * Static imports: this module is loaded lazily by train.ts (`toTfjsArtifacts`) so training
 * workers do not pay for TF.js, and callers share one tfjs-core instance with it.
 */
export function loadTfjs(): Promise<TfjsModules> {
  modsP ??= (async () => {
    await tfc.ready();
    return { tf: tfc, tfl: tflayers };
  })();
  return modsP;
}

/** A TF.js layers model with the engine's current weights (`headActivation` softmax = scoring). */
export async function toTfjsModel(net: EngineNet, headActivation: 'softmax' | 'linear' = 'softmax'): Promise<LayersModel> {
  const { tf, tfl } = await loadTfjs();
  const m = net.tfjsModel(tfl, headActivation);
  const ws = m.getWeights();
  if (ws.length !== net.params.length) throw new Error(`weight count ${ws.length} != engine ${net.params.length}`);
  m.setWeights(
    net.params.map((p, i) => {
      const shape = ws[i]!.shape;
      if (shape.reduce((a, b) => a * b, 1) !== p.w.length) throw new Error(`weight ${i} (${p.name}) shape ${shape} mismatch`);
      return tf.tensor(Float32Array.from(p.w), shape, 'float32');
    }),
  );
  return m;
}

/** model.json topology + weight specs + one weights buffer (tf.io.ModelArtifacts). */
export async function toTfjsArtifacts(net: EngineNet): Promise<tfc.io.ModelArtifacts> {
  const { tf } = await loadTfjs();
  const m = await toTfjsModel(net, 'softmax');
  let captured: tfc.io.ModelArtifacts | null = null;
  await m.save(
    tf.io.withSaveHandler(async (a) => {
      captured = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  m.dispose();
  if (!captured) throw new Error('tfjs save produced no artifacts');
  return captured;
}

function weightBytes(a: tfc.io.ModelArtifacts): Uint8Array {
  const d = a.weightData;
  if (!d) return new Uint8Array(0);
  if (Array.isArray(d)) {
    const total = d.reduce((s, b) => s + b.byteLength, 0);
    const out = new Uint8Array(total);
    let o = 0;
    for (const b of d) {
      out.set(new Uint8Array(b), o);
      o += b.byteLength;
    }
    return out;
  }
  return new Uint8Array(d as ArrayBuffer);
}

/** Writes `dir/model.json` + `dir/weights.bin` (TF.js layers-model file format). */
export async function saveTfjsArtifacts(a: tfc.io.ModelArtifacts, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const json = {
    format: 'layers-model',
    generatedBy: a.generatedBy ?? 'vigil-native',
    convertedBy: a.convertedBy ?? null,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs ?? [] }],
  };
  await writeFile(join(dir, 'model.json'), JSON.stringify(json));
  await writeFile(join(dir, 'weights.bin'), weightBytes(a));
}

/** An IOHandler reading what `saveTfjsArtifacts` wrote (tfjs-core has no file:// without tfjs-node). */
export function fileLoadHandler(dir: string): tfc.io.IOHandler {
  return {
    async load() {
      const j = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as {
        modelTopology: object;
        weightsManifest: { paths: string[]; weights: tfc.io.WeightsManifestEntry[] }[];
        format?: string;
        generatedBy?: string;
        convertedBy?: string | null;
      };
      const specs = j.weightsManifest.flatMap((g) => g.weights);
      const data = new Uint8Array(Buffer.concat(await Promise.all(j.weightsManifest.flatMap((g) => g.paths.map((p) => readFile(join(dir, p)))))));
      return { modelTopology: j.modelTopology, weightSpecs: specs, weightData: data.buffer, format: j.format, generatedBy: j.generatedBy, convertedBy: j.convertedBy ?? null };
    },
  };
}
