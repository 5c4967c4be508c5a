/**
 * Preallocated float32 storage for one model (parameters, gradients, activations, scratch) and
 * the GEMM kernel that works on it. Every buffer of a model lives in one `WebAssembly.Memory`, so
 * the WASM SIMD kernel (gemm-wasm.ts) and plain JS loops share it without copies; nothing is
 * allocated in the training hot loop.
 *
 * Models are built twice: once against a probing arena (`Arena.probe()`, plain arrays) to learn
 * the size, then against a real one (`Arena.sized(bytes)`); views never move after that.
 */
import { adamJs, createWasmKernels, GEMM_PACK_BYTES, gemmJs, WA, wasmKernelVariant, type AdamFn, type GemmFn, type LstmCellBackFn, type WasmMemory } from './gemm-wasm.js';
import { createConvKernels, type ConvKernels } from './wasm-conv.js';
import { createLstmKernels, type LstmKernels } from './wasm-lstm.js';
import { createWinogradKernels, type WinogradKernels } from './wasm-winograd.js';

export { gemmJs };

const ALIGN = 16;

export type KernelChoice = 'wasm-simd' | 'js';
/** What actually runs: the FMA (relaxed SIMD) variant when the runtime has it. */
export type KernelUsed = 'wasm-simd-fma' | 'wasm-simd' | 'js';

export class Arena {
  readonly memory: WasmMemory | null;
  private readonly buffer: ArrayBuffer | null;
  private used = 0;
  readonly gemm: GemmFn;
  readonly adam: AdamFn;
  /** WASM conv lowering, pooling and ReLU-mask kernels, null on the JS path (layers.ts falls back to its loops). */
  readonly conv: ConvKernels | null;
  /** WASM transforms of the Winograd F(2, 3) conv forward (conv-winograd.ts), null on the JS path. */
  readonly winograd: WinogradKernels | null;
  readonly lstmCellBack: LstmCellBackFn | null;
  /** The fused LSTM step and its weight packing (wasm-lstm.ts), null on the JS path. */
  readonly lstm: LstmKernels | null;
  readonly kernel: KernelUsed;

  private constructor(bytes: number | null, kernel: KernelChoice) {
    if (bytes === null) {
      this.memory = null;
      this.buffer = null;
      this.gemm = gemmJs;
      this.adam = adamJs;
      this.conv = null;
      this.winograd = null;
      this.lstmCellBack = null;
      this.lstm = null;
      this.kernel = 'js';
      return;
    }
    // bytes [0, GEMM_PACK_BYTES): the GEMM kernel's A-panel pack scratch (gemm-wasm.ts), never a view
    const pages = Math.max(1, Math.ceil((bytes + GEMM_PACK_BYTES) / 65536));
    this.memory = WA ? new WA.Memory({ initial: pages, maximum: pages }) : null;
    this.buffer = this.memory ? this.memory.buffer : new ArrayBuffer(pages * 65536);
    this.used = GEMM_PACK_BYTES;
    const w = kernel === 'wasm-simd' && this.memory ? createWasmKernels(this.memory, 0, Arena.packRows) : null;
    this.gemm = w?.gemm ?? gemmJs;
    this.adam = w?.adam ?? adamJs;
    this.conv = w && this.memory ? createConvKernels(this.memory) : null;
    this.winograd = w && this.memory && Arena.winograd ? createWinogradKernels(this.memory) : null;
    this.lstmCellBack = w?.lstmCellBack ?? null;
    this.lstm = w && this.memory ? createLstmKernels(this.memory) : null;
    this.kernel = w ? (wasmKernelVariant() ?? 'wasm-simd') : 'js';
  }

  /** A sizing pass: buffers are ordinary arrays, `bytes` counts what a real arena needs. */
  /** Rows of the GEMM's packed register block for arenas created from now on (A/B benches only). */
  static packRows = 4;
  /** Winograd F(2, 3) conv forward for arenas created from now on (false: im2col; A/B benches and tests). */
  static winograd = true;

  static probe(): Arena {
    return new Arena(null, 'js');
  }

  static sized(bytes: number, kernel: KernelChoice = 'wasm-simd'): Arena {
    return new Arena(bytes + 4 * ALIGN, kernel);
  }

  get bytes(): number {
    return this.used;
  }

  f32(n: number): Float32Array {
    const off = this.used;
    this.used += Math.ceil((n * 4) / ALIGN) * ALIGN;
    if (!this.buffer) return new Float32Array(n);
    if (this.used > this.buffer.byteLength) throw new Error('arena overflow');
    return new Float32Array(this.buffer, off, n);
  }

  /** A buffer of n ones (shared; colSum as a GEMM). Never written. */
  ones(n: number): Float32Array {
    if (this.onesBuf && this.onesBuf.length >= n) return this.onesBuf.subarray(0, n);
    const need = Math.max(n, 1024);
    this.onesBuf = this.f32(need).fill(1);
    return this.onesBuf.subarray(0, n);
  }
  private onesBuf: Float32Array | null = null;

  /** Int32 storage in the arena (pooling slots: the WASM pool kernels write them). */
  i32(n: number): Int32Array {
    const f = this.f32(n);
    return new Int32Array(f.buffer, f.byteOffset, n);
  }
}

