/**
 * Adam (PROTOCOL.md §6: β1 0.9, β2 0.999, ε 1e-7). `pytorch` (default, as the anchor ref.py):
 * p −= lr · m̂ / (√v̂ + ε), written as p −= (lr / (1−β1ᵗ)) · m / (√v · (1/√(1−β2ᵗ)) + ε);
 * `keras` (TF.js): p −= lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε). The moments live in each Param
 * (arena memory) and are zeroed when an optimiser is created (the contrastive fine-tuning phase
 * starts a new Adam, §6.3). The per-tensor update runs in the WASM SIMD kernel when available.
 */
import type { AdamFn } from './gemm-wasm.js';
import type { Param } from './layers.js';

export interface AdamConfig {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  flavour: 'pytorch' | 'keras';
}

export const ADAM_DEFAULTS: Omit<AdamConfig, 'lr'> = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, flavour: 'pytorch' };

export class Adam {
  private t = 0;
  constructor(readonly params: Param[], readonly cfg: AdamConfig, private readonly kernel: AdamFn) {
    for (const p of params) {
      p.m.fill(0);
      p.v.fill(0);
    }
  }
  step(): void {
    this.t++;
    const { lr, beta1: b1, beta2: b2, epsilon: eps, flavour } = this.cfg;
    const bc1 = 1 - Math.pow(b1, this.t);
    const sbc2 = Math.sqrt(1 - Math.pow(b2, this.t));
    for (const p of this.params) {
      if (flavour === 'pytorch') this.kernel(p.w, p.g, p.m, p.v, b1, b2, lr / bc1, 1 / sbc2, eps);
      else this.kernel(p.w, p.g, p.m, p.v, b1, b2, (lr * sbc2) / bc1, 1, eps);
    }
  }
}
