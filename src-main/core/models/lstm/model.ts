/**
 * LSTM of PROTOCOL.md §6.2 on the engine: window [B, F, W] read as W steps × F features →
 * LSTM(64, last hidden) [B, 64] → dense 2 (logits).
 */
import { Dense, LSTMLast, Sequential } from '../../engine/layers.js';
import type { EngineNet, NetBuilder } from '../../engine/net.js';
import type { LstmConfig } from './config.js';

export const buildLstm: NetBuilder<LstmConfig> = (arena, cap, F, W, cfg): EngineNet => {
  const l = new LSTMLast(arena, cap, F, W, cfg.units);
  const d = new Dense(arena, cap, cfg.units, 2, false, true);
  const seq = new Sequential([l, d]);
  return {
    kind: 'lstm',
    F,
    W,
    capacity: cap,
    params: seq.params,
    init: (r) => seq.init(r),
    forward: (x, B, training) => seq.forward(x, B, training),
    setInference: (on) => void (l.keepForBackward = !on),
    backward: (x, g, B) => void seq.backward(x, g, B),
    tfjsModel(tfl, headActivation) {
      const m = tfl.sequential();
      // [n, F, W] → [n, W, F]: time-major sequence
      m.add(tfl.layers.permute({ dims: [2, 1], inputShape: [F, W] }));
      // recurrentInitializer: the engine initialises orthogonally (PROTOCOL.md §6); TF.js 4.22's
      // Orthogonal initializer throws in tfjs-layers (rMat.flatten), and loadLayersModel runs
      // initializers before setting the saved weights, so the exported config names glorotUniform.
      m.add(tfl.layers.lstm({ units: cfg.units, activation: 'tanh', recurrentActivation: 'sigmoid', recurrentInitializer: 'glorotUniform', unitForgetBias: true, returnSequences: false }));
      m.add(tfl.layers.dense({ units: 2, activation: headActivation }));
      return m;
    },
  };
};
