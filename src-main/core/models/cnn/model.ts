/**
 * CNN of PROTOCOL.md §6.1 on the engine. Shapes for SMD (F = 38, W = 4):
 * [B, 38, 4, 1] → conv 3×3·32 ReLU [B, 38, 4, 32] → pool [B, 19, 2, 32] → conv 3×3·64 ReLU
 * [B, 19, 2, 64] → pool [B, 10, 1, 64] → flatten [B, 640] → dense 64 ReLU → dropout 0.01 →
 * dense 2 (logits; softmax in the loss / at scoring).
 */
import { Conv2D, Dense, Dropout, MaxPool2, Sequential } from '../../engine/layers.js';
import type { EngineNet, NetBuilder } from '../../engine/net.js';
import type { CnnConfig } from './config.js';

export const buildCnn: NetBuilder<CnnConfig> = (arena, cap, F, W, cfg, rng): EngineNet => {
  if (cfg.poolSize !== 2) throw new Error('engine supports poolSize 2 only');
  const c1 = new Conv2D(arena, cap, F, W, 1, cfg.filters1, cfg.kernelSize, true, false);
  const p1 = new MaxPool2(arena, cap, F, W, cfg.filters1, true, true);
  c1.feedsPool(p1);
  const c2 = new Conv2D(arena, cap, p1.Ho, p1.Wo, cfg.filters1, cfg.filters2, cfg.kernelSize, true, true);
  const p2 = new MaxPool2(arena, cap, p1.Ho, p1.Wo, cfg.filters2, true, true);
  c2.feedsPool(p2);
  const d1 = new Dense(arena, cap, p2.outSize, cfg.denseUnits, true, true);
  const dr = new Dropout(arena, cap, cfg.denseUnits, cfg.dropout, rng);
  const d2 = new Dense(arena, cap, cfg.denseUnits, 2, false, true);
  const seq = new Sequential([c1, p1, c2, p2, d1, dr, d2]);
  return {
    kind: 'cnn',
    F,
    W,
    capacity: cap,
    params: seq.params,
    init: (r) => seq.init(r),
    forward: (x, B, training) => seq.forward(x, B, training),
    backward: (x, d, B) => void seq.backward(x, d, B),
    // The pools sit on ReLU outputs (reluInput), so their dIn is the masked gradient reaching each conv.
    probe: {
      convs: [
        { name: 'conv1', H: F, Wd: W, C: cfg.filters1, pooled: 0, out: c1.out, grad: () => p1.inputGrad()! },
        { name: 'conv2', H: p1.Ho, Wd: p1.Wo, C: cfg.filters2, pooled: 1, out: c2.out, grad: () => p2.inputGrad()! },
      ],
      inputConv: { k: cfg.kernelSize, Cout: cfg.filters1, kernel: c1.kernel.w },
      penultimate: { out: d1.out, size: cfg.denseUnits },
    },
    tfjsModel(tfl, headActivation) {
      const m = tfl.sequential();
      m.add(tfl.layers.reshape({ targetShape: [F, W, 1], inputShape: [F, W] }));
      m.add(tfl.layers.conv2d({ filters: cfg.filters1, kernelSize: cfg.kernelSize, padding: 'same', activation: 'relu' }));
      m.add(tfl.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'same' }));
      m.add(tfl.layers.conv2d({ filters: cfg.filters2, kernelSize: cfg.kernelSize, padding: 'same', activation: 'relu' }));
      m.add(tfl.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'same' }));
      m.add(tfl.layers.flatten());
      m.add(tfl.layers.dense({ units: cfg.denseUnits, activation: 'relu' }));
      m.add(tfl.layers.dropout({ rate: cfg.dropout }));
      m.add(tfl.layers.dense({ units: 2, activation: headActivation }));
      return m;
    },
  };
};
