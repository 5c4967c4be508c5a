/**
 * Contrastive model of PROTOCOL.md §6.3 on the engine. Encoder, SMD shapes:
 * [B, 38, 4, 1] → conv 3×3·32 ReLU [B, 38, 4, 32] → conv 3×3·64 ReLU [B, 38, 4, 64] → pool
 * [B, 19, 2, 64] → flatten [B, 2432] → dense 64 ReLU = h. Projection head dense 64 linear = z
 * (pretraining, NT-Xent τ = 0.5 over 2B embeddings); classifier head dense 2 on h (fine-tuning).
 * The encoder holds 2·capacity rows so both views of a batch run as one batch.
 */
import { Conv2D, Dense, MaxPool2, Sequential } from '../../engine/layers.js';
import { NtXent } from '../../engine/losses.js';
import type { EngineNet, NetBuilder } from '../../engine/net.js';
import type { ContrastiveConfig } from './config.js';

export const buildContrastive: NetBuilder<ContrastiveConfig> = (arena, cap, F, W, cfg): EngineNet => {
  if (cfg.poolSize !== 2) throw new Error('engine supports poolSize 2 only');
  const cap2 = 2 * cap;
  const c1 = new Conv2D(arena, cap2, F, W, 1, cfg.filters1, cfg.kernelSize, true, false);
  const c2 = new Conv2D(arena, cap2, F, W, cfg.filters1, cfg.filters2, cfg.kernelSize, true, true);
  const p = new MaxPool2(arena, cap2, F, W, cfg.filters2, true, true);
  c2.feedsPool(p);
  const d = new Dense(arena, cap2, p.outSize, cfg.denseUnits, true, true);
  const enc = new Sequential([c1, c2, p, d]);
  const proj = new Dense(arena, cap2, cfg.denseUnits, cfg.projUnits, false, true);
  const head = new Dense(arena, cap, cfg.denseUnits, 2, false, true);
  const nt = new NtXent(arena, cap, cfg.projUnits, cfg.temperature);
  const pretrainParams = [...enc.params, ...proj.params];
  return {
    kind: 'contrastive',
    F,
    W,
    capacity: cap,
    params: [...enc.params, ...head.params],
    init(r) {
      enc.init(r);
      proj.init(r);
      head.init(r);
    },
    forward(x, B, training) {
      const h = enc.forward(x, B, training);
      head.forward(h, B);
      return head.out;
    },
    backward(x, g, B) {
      head.backward(enc.out, g, B);
      enc.backward(x, head.dIn!, B);
    },
    // c2.dIn is masked in place by c1's ReLU during backward; p (reluInput) masks c2's gradient.
    probe: {
      convs: [
        { name: 'conv1', H: F, Wd: W, C: cfg.filters1, pooled: 0, out: c1.out, grad: () => c2.dIn! },
        { name: 'conv2', H: F, Wd: W, C: cfg.filters2, pooled: 0, out: c2.out, grad: () => p.inputGrad()! },
      ],
      inputConv: { k: cfg.kernelSize, Cout: cfg.filters1, kernel: c1.kernel.w },
      penultimate: { out: d.out, size: cfg.denseUnits },
    },
    pretrain: {
      params: pretrainParams,
      step(x2, B, grad) {
        const h = enc.forward(x2, 2 * B, true); // [2B, 64]
        proj.forward(h, 2 * B); // z [2B, 64]
        const loss = nt.compute(proj.out, B, grad);
        if (grad) {
          proj.backward(h, nt.dz, 2 * B);
          enc.backward(x2, proj.dIn!, 2 * B);
        }
        return loss;
      },
    },
    tfjsModel(tfl, headActivation) {
      const m = tfl.sequential();
      m.add(tfl.layers.reshape({ targetShape: [F, W, 1], inputShape: [F, W] }));
      m.add(tfl.layers.conv2d({ filters: cfg.filters1, kernelSize: cfg.kernelSize, padding: 'same', activation: 'relu' }));
      m.add(tfl.layers.conv2d({ filters: cfg.filters2, kernelSize: cfg.kernelSize, padding: 'same', activation: 'relu' }));
      m.add(tfl.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'same' }));
      m.add(tfl.layers.flatten());
      m.add(tfl.layers.dense({ units: cfg.denseUnits, activation: 'relu' }));
      m.add(tfl.layers.dense({ units: 2, activation: headActivation }));
      return m;
    },
  };
};
