/**
 * WebAssembly SIMD transforms of the Winograd F(2, 3) forward convolution along H (conv-winograd.ts),
 * NHWC, byte addresses, C a multiple of 4:
 *  - winoIn(pX, pU, pZero, B, H, W, C): for every image b, row pair i (Ht = ⌈H/2⌉ of them) and
 *    column w, the input rows d0..d3 = x[b, 2i−1 .. 2i+2, ·] (a zero row outside the image) give
 *    u0 = d0 − d2, u1 = d1 + d2, u2 = d2 − d1, u3 = d1 − d3 (Bᵀd), lowered along W for the three
 *    kernel columns: U_j[(b, i, w), kw·C + c] = u_j[b, i, w + kw − 1, c] (0 outside the image).
 *    U_j: [B·Ht·W, 3C], the four stored one after another.
 *  - winoOut(pM, pOut, pBias, B, H, W, C, relu): from m_j = U_j · G_j ([B·Ht·W, C] each, one
 *    after another) the output rows y[2i] = m0 + m1 + m2, y[2i+1] = m1 − m2 − m3 (Aᵀm), + bias,
 *    ReLU when `relu`; row 2i+1 is dropped when H is odd and 2i+1 = H.
 */
import { instantiateOver, lazyModule, type WasmMemory } from './gemm-wasm.js';
import { Code, I32, i32Module, uleb, V128 } from './wasm-builder.js';

function winoInBody(): number[] {
  const [pX, pU, pZero, Bn, H, W, C] = [0, 1, 2, 3, 4, 5, 6];
  const [C4, Ht, uStride, b, i, w, kw, iw, r, q, p0, p1, p2, p3, dst, rowB] = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22];
  const [d0, d1, d2, d3] = [23, 24, 25, 26];
  const c = new Code();
  c.get(C).i32(2).shl().set(C4);
  c.get(W).get(C4).mul().set(rowB);
  c.get(H).i32(1).add().i32(1).shrU().set(Ht);
  // bytes of one U_j: B·Ht·W rows × 3C floats
  c.get(Bn).get(Ht).mul().get(W).mul().get(C4).i32(3).mul().mul().set(uStride);
  c.i32(0).set(r);
  c.loopTo(b, () => c.get(Bn), 1, () => {
    c.loopTo(i, () => c.get(Ht), 1, () => {
      c.loopTo(w, () => c.get(W), 1, () => {
        c.loopTo(kw, () => c.i32(3), 1, () => {
          c.get(w).get(kw).add().i32(1).sub().set(iw);
          // dst = pU + (r·3 + kw)·C4
          c.get(pU).get(r).i32(3).mul().get(kw).add().get(C4).mul().add().set(dst);
          c.get(iw).get(W).ltU().if_();
          // row pointers of x[b, 2i − 1 + k, iw] (k = 0..3), the zero row when outside the image
          const rowPtr = (k: number, p: number): void => {
            // row = 2i − 1 + k; valid when row <u H
            c.get(pX).get(b).get(H).mul().get(i).i32(1).shl().add().i32(k - 1).add().get(rowB).mul().add().get(iw).get(C4).mul().add();
            c.get(pZero);
            c.get(i).i32(1).shl().i32(k - 1).add().get(H).ltU();
            c.select().set(p);
          };
          rowPtr(0, p0);
          rowPtr(1, p1);
          rowPtr(2, p2);
          rowPtr(3, p3);
          c.loopTo(q, () => c.get(C4), 16, () => {
            c.get(p0).get(q).add().vload(0).set(d0);
            c.get(p1).get(q).add().vload(0).set(d1);
            c.get(p2).get(q).add().vload(0).set(d2);
            c.get(p3).get(q).add().vload(0).set(d3);
            c.get(dst).get(q).add().get(d0).get(d2).fsub().vstore(0);
            c.get(dst).get(uStride).add().get(q).add().get(d1).get(d2).fadd().vstore(0);
            c.get(dst).get(uStride).i32(1).shl().add().get(q).add().get(d2).get(d1).fsub().vstore(0);
            c.get(dst).get(uStride).i32(3).mul().add().get(q).add().get(d1).get(d3).fsub().vstore(0);
          });
          c.else_();
          for (let j = 0; j < 4; j++) {
            c.get(dst);
            if (j > 0) c.get(uStride).i32(j).mul().add();
            c.i32(0).get(C4).memFill();
          }
          c.end();
        });
        c.get(r).i32(1).add().set(r);
      });
    });
  });
  c.end();
  return [...uleb(2), ...uleb(16), I32, ...uleb(4), V128, ...c.b];
}

function winoOutBody(): number[] {
  const [pM, pOut, pBias, Bn, H, W, C, relu] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [C4, Ht, mStride, b, i, w, q, src, o0, rowB] = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
  const [m0, m1, m2, m3, y0, y1, bv] = [18, 19, 20, 21, 22, 23, 24];
  const c = new Code();
  c.get(C).i32(2).shl().set(C4);
  c.get(W).get(C4).mul().set(rowB);
  c.get(H).i32(1).add().i32(1).shrU().set(Ht);
  c.get(Bn).get(Ht).mul().get(W).mul().get(C4).mul().set(mStride);
  c.get(pM).set(src);
  c.loopTo(b, () => c.get(Bn), 1, () => {
    c.loopTo(i, () => c.get(Ht), 1, () => {
      c.loopTo(w, () => c.get(W), 1, () => {
        // o0 = pOut + ((b·H + 2i)·W + w)·C4
        c.get(pOut).get(b).get(H).mul().get(i).i32(1).shl().add().get(rowB).mul().add().get(w).get(C4).mul().add().set(o0);
        c.loopTo(q, () => c.get(C4), 16, () => {
          c.get(src).get(q).add().vload(0).set(m0);
          c.get(src).get(mStride).add().get(q).add().vload(0).set(m1);
          c.get(src).get(mStride).i32(1).shl().add().get(q).add().vload(0).set(m2);
          c.get(src).get(mStride).i32(3).mul().add().get(q).add().vload(0).set(m3);
          c.get(pBias).get(q).add().vload(0).set(bv);
          c.get(m0).get(m1).fadd().get(m2).fadd().get(bv).fadd().set(y0);
          c.get(m1).get(m2).fsub().get(m3).fsub().get(bv).fadd().set(y1);
          c.get(relu).if_();
          c.get(y0).vzero().fpmax().set(y0);
          c.get(y1).vzero().fpmax().set(y1);
          c.end();
          c.get(o0).get(q).add().get(y0).vstore(0);
          c.get(i).i32(1).shl().i32(1).add().get(H).ltU().if_();
          c.get(o0).get(rowB).add().get(q).add().get(y1).vstore(0);
          c.end();
        });
        c.get(src).get(C4).add().set(src);
      });
    });
  });
  c.end();
  return [...uleb(2), ...uleb(10), I32, ...uleb(7), V128, ...c.b];
}

function buildModule(): Uint8Array {
  return i32Module([
    { name: 'winoIn', params: 7, body: winoInBody() },
    { name: 'winoOut', params: 8, body: winoOutBody() },
  ]);
}

const winogradModule = lazyModule(buildModule);

export interface WinogradKernels {
  /** See winoIn above; false when not applicable (C not a multiple of 4, not in the arena). */
  winoIn(x: Float32Array, U: Float32Array, zero: Float32Array, B: number, H: number, W: number, C: number): boolean;
  /** See winoOut above. */
  winoOut(M: Float32Array, out: Float32Array, outOff: number, bias: Float32Array, B: number, H: number, W: number, C: number, relu: boolean): boolean;
}

export function createWinogradKernels(memory: WasmMemory): WinogradKernels | null {
  const mod = winogradModule();
  const inst = mod ? instantiateOver(mod, memory) : null;
  if (!inst) return null;
  const { ex, inMem } = inst;
  const [wi, wo] = [ex['winoIn']!, ex['winoOut']!];
  return {
    winoIn: (x, U, zero, B, H, W, C) => (C & 3) === 0 && zero.length >= C && inMem(x, U, zero) && (wi(x.byteOffset, U.byteOffset, zero.byteOffset, B, H, W, C), true),
    winoOut: (M, out, outOff, bias, B, H, W, C, relu) =>
      (C & 3) === 0 && inMem(M, out, bias) && (wo(M.byteOffset, out.byteOffset + 4 * outOff, bias.byteOffset, B, H, W, C, relu ? 1 : 0), true),
  };
}
