/**
 * The engine's WebAssembly SIMD kernels around the convolutions (layers.ts Conv2D, MaxPool2),
 * one small module instantiated over each arena's memory (arena.ts), byte addresses, NHWC:
 *  - im2col3(pX, pCol, B, H, W, C): col[(b,h,w), (kh,kw,c)] = x[b, h+kh−1, w+kw−1, c] or 0
 *    (3×3 'same'); per (row, kh) the valid kw form one contiguous run of x, copied by an inline
 *    loop — 16-byte vectors when C is a multiple of 4, else 4-byte words. (A memory.copy /
 *    memory.fill per run costs a runtime call each: runs are 12–384 bytes, and the CNN's first
 *    conv (C = 1) lowered 2·B·152·3 of them per step — 14 % of a CNN step.)
 *  - col2im3(pDIn, pDcol, B, H, W, C): dIn = Σ scatter-add of dcol (C a multiple of 4).
 *  - pool2(pX, pOut, pArg, B, H, W, C) / pool2Back(pDOut, pOut, pArg, pDIn, B, H, W, C, relu):
 *    2×2 max pooling, stride 2, 'same' (odd edges: the window repeats the last row / column,
 *    which leaves the max unchanged); the winner's slot 0..3 per output stored as i32 lanes.
 *    Backward writes every input once (no fill): the gradient where the slot matches, else 0,
 *    masked by out > 0 when the input is a ReLU output. C a multiple of 4. The JS loops they
 *    replace branched per element on random data (mispredicts): ~15 % of a CNN step.
 *  - reluMask(pOut, pD, bytes): d = 0 where !(out > 0) — the ReLU derivative.
 *  - poolConvBack(...): the backward pass of a 3×3 'same' ReLU conv whose output feeds a 2×2 max
 *    pool, in scatter form (see poolConvBackBody): only the pool's winners carry a gradient, so at
 *    most 1 in 4 conv outputs per channel does — the dense im2col GEMMs multiplied ≥ 75 % zeros.
 */
import { instantiateOver, lazyModule, wasmKernelVariant, type WasmMemory } from './gemm-wasm.js';
import { Code, I32, i32Module, uleb, V128 } from './wasm-builder.js';

/** Emits `for (q = 0; q < n; q += step) body(q)` over byte offsets of a vector (step 16) or word (4) loop. */
function copyLoop(c: Code, q: number, n: () => void, vec: boolean, body: () => void): void {
  c.loopTo(q, n, vec ? 16 : 4, body);
}

/** im2col3 / col2im3: one loop nest over (b, h, w, kh) and the valid run of each kernel row. */
function convBody(kind: 'im2col' | 'col2im'): number[] {
  const [pX, pCol, Bn, H, W, C] = [0, 1, 2, 3, 4, 5];
  const [C4, rowB, imgB, b, h, w, kh, xb, dst, lead, run, ih, d, kC4, q, sp, vec, tail] = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
  const c = new Code();
  c.get(C).i32(2).shl().set(C4);
  c.get(W).get(C4).mul().set(rowB);
  c.get(H).get(rowB).mul().set(imgB);
  c.get(C4).i32(3).mul().set(kC4);
  c.get(C).i32(3).and().eqz().set(vec);
  if (kind === 'col2im') c.get(pX).i32(0).get(Bn).get(imgB).mul().memFill();
  c.get(pCol).set(dst);
  /** zero n bytes at d + from — both widths emitted, chosen by `vec` */
  const zero = (from: () => void, n: () => void): void => {
    c.get(vec).if_();
    copyLoop(c, q, n, true, () => { c.get(d); from(); c.add().get(q).add().vzero().vstore(0); });
    c.else_();
    copyLoop(c, q, n, false, () => { c.get(d); from(); c.add().get(q).add().i32(0).store32(0); });
    c.end();
  };
  c.loopTo(b, () => c.get(Bn), 1, () => {
    c.get(pX).get(b).get(imgB).mul().add().set(xb);
    c.loopTo(h, () => c.get(H), 1, () => {
      c.loopTo(w, () => c.get(W), 1, () => {
        // lead = (w == 0 ? C4 : 0); run = 3·C4 − lead − (w == W−1 ? C4 : 0); tail = 3·C4 − lead − run
        c.get(C4).i32(0).get(w).eqz().select().set(lead);
        c.get(kC4).get(lead).sub().get(C4).i32(0).get(w).get(W).i32(1).sub().eq().select().sub().set(run);
        c.get(kC4).get(lead).sub().get(run).sub().set(tail);
        c.loopTo(kh, () => c.i32(3), 1, () => {
          c.get(h).get(kh).add().i32(1).sub().set(ih);
          // x run start: xb + ih·rowB + (w − 1)·C4 + lead
          c.get(xb).get(ih).get(rowB).mul().add().get(w).i32(1).sub().get(C4).mul().add().get(lead).add().set(sp);
          c.get(dst).get(kh).get(kC4).mul().add().set(d); // col row segment of this kh
          if (kind === 'im2col') {
            c.get(ih).get(H).geU().if_();
            zero(() => c.i32(0), () => c.get(kC4));
            c.else_();
            zero(() => c.i32(0), () => c.get(lead));
            c.get(vec).if_();
            copyLoop(c, q, () => c.get(run), true, () => { c.get(d).get(lead).add().get(q).add().get(sp).get(q).add().vload(0).vstore(0); });
            c.else_();
            copyLoop(c, q, () => c.get(run), false, () => { c.get(d).get(lead).add().get(q).add().get(sp).get(q).add().load32(0).store32(0); });
            c.end();
            zero(() => c.get(lead).get(run).add(), () => c.get(tail));
            c.end();
          } else {
            c.get(ih).get(H).geU().eqz().if_();
            c.get(d).get(lead).add().set(d);
            c.loopTo(q, () => c.get(run), 16, () => {
              c.get(sp).get(q).add();
              c.get(sp).get(q).add().vload(0);
              c.get(d).get(q).add().vload(0);
              c.fadd().vstore(0);
            });
            c.end();
          }
        });
        c.get(dst).get(kC4).i32(3).mul().add().set(dst);
      });
    });
  });
  c.end();
  return [...uleb(1), ...uleb(18), I32, ...c.b];
}

/**
 * Shared loop nest of pool2 / pool2Back: for every output pixel (b, oh, ow) the four input
 * addresses p0, p0 + dw, p0 + dh, p0 + dh + dw (dh = 0 / dw = 0 on an odd last row / column),
 * then `lanes()` per 16-byte group of channels (q); po walks the outputs / slots.
 */
function poolNest(c: Code, l: { pX: number; Bn: number; H: number; W: number; C: number; C4: number; rowB: number; imgB: number; b: number; oh: number; ow: number; xb: number; dh: number; dw: number; p0: number; q: number; po: number; Ho: number; Wo: number }, lanes: () => void): void {
  c.get(l.C).i32(2).shl().set(l.C4);
  c.get(l.W).get(l.C4).mul().set(l.rowB);
  c.get(l.H).get(l.rowB).mul().set(l.imgB);
  c.get(l.H).i32(1).add().i32(1).shrU().set(l.Ho);
  c.get(l.W).i32(1).add().i32(1).shrU().set(l.Wo);
  c.i32(0).set(l.po);
  c.loopTo(l.b, () => c.get(l.Bn), 1, () => {
    c.get(l.pX).get(l.b).get(l.imgB).mul().add().set(l.xb);
    c.loopTo(l.oh, () => c.get(l.Ho), 1, () => {
      // dh = (2·oh + 1 < H) ? rowB : 0
      c.get(l.rowB).i32(0).get(l.oh).i32(1).shl().i32(1).add().get(l.H).ltU().select().set(l.dh);
      c.loopTo(l.ow, () => c.get(l.Wo), 1, () => {
        c.get(l.C4).i32(0).get(l.ow).i32(1).shl().i32(1).add().get(l.W).ltU().select().set(l.dw);
        c.get(l.xb).get(l.oh).i32(1).shl().get(l.rowB).mul().add().get(l.ow).i32(1).shl().get(l.C4).mul().add().set(l.p0);
        c.loopTo(l.q, () => c.get(l.C4), 16, lanes);
        c.get(l.po).get(l.C4).add().set(l.po);
      });
    });
  });
}

function poolFwdBody(): number[] {
  const [pX, pOut, pArg, Bn, H, W, C] = [0, 1, 2, 3, 4, 5, 6];
  const l = { pX, Bn, H, W, C, C4: 7, rowB: 8, imgB: 9, b: 10, oh: 11, ow: 12, xb: 13, dh: 14, dw: 15, p0: 16, q: 17, po: 18, Ho: 19, Wo: 20 };
  const [best, idx, v, m] = [21, 22, 23, 24];
  const c = new Code();
  const at = (k: number): void => {
    c.get(l.p0).get(l.q).add();
    if (k & 1) c.get(l.dw).add();
    if (k & 2) c.get(l.dh).add();
    c.vload(0);
  };
  poolNest(c, l, () => {
    at(0); c.set(best);
    c.i32(0).i32x4Splat().set(idx);
    for (let k = 1; k < 4; k++) {
      // strict >: the first maximum wins (as the JS loop; NaN never wins)
      at(k); c.set(v);
      c.get(v).get(best).fgt().set(m);
      c.get(v).get(best).get(m).bitselect().set(best);
      c.i32(k).i32x4Splat().get(idx).get(m).bitselect().set(idx);
    }
    c.get(pOut).get(l.po).add().get(l.q).add().get(best).vstore(0);
    c.get(pArg).get(l.po).add().get(l.q).add().get(idx).vstore(0);
  });
  c.end();
  return [...uleb(2), ...uleb(14), I32, ...uleb(4), V128, ...c.b];
}

function poolBackBody(): number[] {
  const [pDOut, pOut, pArg, pDIn, Bn, H, W, C, relu] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const l = { pX: pDIn, Bn, H, W, C, C4: 9, rowB: 10, imgB: 11, b: 12, oh: 13, ow: 14, xb: 15, dh: 16, dw: 17, p0: 18, q: 19, po: 20, Ho: 21, Wo: 22 };
  const [g, idx] = [23, 24];
  const c = new Code();
  poolNest(c, l, () => {
    c.get(pDOut).get(l.po).add().get(l.q).add().vload(0).set(g);
    c.get(relu).if_();
    c.get(g).get(pOut).get(l.po).add().get(l.q).add().vload(0).vzero().fgt().vand().set(g);
    c.end();
    c.get(pArg).get(l.po).add().get(l.q).add().vload(0).set(idx);
    // slots 3..0: where dh or dw is 0 two slots share an address and the lower slot (the only
    // one the forward pass can pick there) is written last
    for (let k = 3; k >= 0; k--) {
      c.get(l.p0).get(l.q).add();
      if (k & 1) c.get(l.dw).add();
      if (k & 2) c.get(l.dh).add();
      c.get(g).get(idx).i32(k).i32x4Splat().i32x4Eq().vand().vstore(0);
    }
  });
  c.end();
  return [...uleb(2), ...uleb(14), I32, ...uleb(2), V128, ...c.b];
}

function reluMaskBody(): number[] {
  const [pOut, pD, n, q] = [0, 1, 2, 3];
  const c = new Code();
  c.loopTo(q, () => c.get(n), 16, () => {
    c.get(pD).get(q).add();
    c.get(pD).get(q).add().vload(0).get(pOut).get(q).add().vload(0).vzero().fgt().vand();
    c.vstore(0);
  });
  c.end();
  return [...uleb(1), ...uleb(1), I32, ...c.b];
}

/**
 * poolConvBack(pX, pDP, pOut, pSlot, pWT, pDX, pDWT, pDB, B, H, W, Cin, Cout, relu, pScr, nb):
 * the gradients of y = conv3×3same(x) (+bias, ReLU) followed by p = maxpool2(y), given dP (the
 * gradient w.r.t. p), from the pool's winners alone. For every pooled output (b, oh, ow, c) with
 * g = dP ≠ 0 (and p > 0 when `relu`: the ReLU derivative), the winner y[b, h, w, c] (slot s:
 * h = 2·oh + s>>1, w = 2·ow + s&1) is the only conv output of the window with a gradient, so
 *   dB[c] += g;  for every valid tap (kh, kw) at (ih, iw) = (h + kh − 1, w + kw − 1):
 *   dWᵀ[c, tap, :] += g · x[b, ih, iw, :];   dX[b, ih, iw, :] += g · Wᵀ[c, tap, :]   (pDX ≠ 0)
 * Wᵀ / dWᵀ: [Cout, 9·Cin] (the kernel transposed); dX is zeroed first, dWᵀ and dB accumulate.
 * Per winner 9·Cin multiply-adds per gradient instead of the dense GEMMs' 4·9·Cin.
 * Loop order (so that no accumulator goes through memory): images in chunks of nb (x and dX of a
 * chunk stay in L2) → channel c: the chunk's winners of c compacted into scratch as (g, x offset
 * of tap (0, 0)), bucketed by edge category (top / bottom row, left / right column: which taps
 * fall outside the image) → tap → the buckets that have it, no per-winner test (a data-dependent
 * branch per winner and tap mispredicted on narrow images) → blocks of Cin: dWᵀ in f32x4
 * registers summed over the winners, then Wᵀ in 8 registers scattered into dX.
 * Cin a multiple of 32; scratch pScr: 16 counters, then 16 buckets × nb·⌈H/2⌉·⌈W/2⌉ × 8 bytes.
 */
function poolConvBackBody(fma: boolean): number[] {
  const [pX, pDP, pOut, pSlot, pWT, pDX, pDWT, pDB, Bn, H, W, Cin, Cout, relu, pScr, nb] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
  const [Cin4, imgB, Ho, Wo, b0, b1, b, oh, ow, co, po, s, h, w, t, kh, kw, tapOff, excl, blk, pp, ps, pe, cat, ci, cap, t2] = [16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42];
  const gs = 43; // f32
  const [gv, gv2] = [44, 45]; // v128: gv, gv2, r0..r7
  const r = [46, 47, 48, 49, 50, 51, 52, 53];
  const c = new Code();
  /** acc = acc + a·b with the operands pushed by the callbacks (FMA when the runtime has it) */
  const madd = (acc: () => void, a: () => void, bb: () => void): void => {
    if (fma) { a(); bb(); acc(); c.fma(); } else { acc(); a(); bb(); c.fmul().fadd(); }
  };
  c.get(Cin).i32(2).shl().set(Cin4);
  c.get(H).get(W).mul().get(Cin4).mul().set(imgB);
  c.get(H).i32(1).add().i32(1).shrU().set(Ho);
  c.get(W).i32(1).add().i32(1).shrU().set(Wo);
  c.get(nb).get(Ho).mul().get(Wo).mul().set(cap);
  c.get(pDX).if_();
  c.get(pDX).i32(0).get(Bn).get(imgB).mul().memFill();
  c.end();
  c.loopTo(b0, () => c.get(Bn), 0, () => {
    // (step 0: b0 advances at the end of the body) b1 = min(b0 + nb, B)
    c.get(b0).get(nb).add().get(Bn).get(b0).get(nb).add().get(Bn).ltU().select().set(b1);
    c.loopTo(co, () => c.get(Cout), 1, () => {
      // 1) the chunk's winners of channel co → scratch buckets by edge category (see above)
      c.get(pScr).i32(0).i32(64).memFill();
      c.get(b0).set(b);
      c.block().loop();
      c.get(b).get(b1).geU().brIf(1);
      c.loopTo(oh, () => c.get(Ho), 1, () => {
        c.loopTo(ow, () => c.get(Wo), 1, () => {
          // po = (((b·Ho + oh)·Wo + ow)·Cout + co)·4
          c.get(b).get(Ho).mul().get(oh).add().get(Wo).mul().get(ow).add().get(Cout).mul().get(co).add().i32(2).shl().set(po);
          c.get(pDP).get(po).add(); c.f32load().set(gs);
          c.get(gs); c.f32zero(); c.b.push(0x5c); // f32.ne
          c.get(relu).eqz();
          c.get(pOut).get(po).add(); c.f32load(); c.f32zero(); c.b.push(0x5e); // f32.gt
          c.b.push(0x72); // i32.or
          c.and().if_();
          c.get(pSlot).get(po).add().load32(0).set(s);
          c.get(oh).i32(1).shl().get(s).i32(1).shrU().add().set(h);
          c.get(ow).i32(1).shl().get(s).i32(1).and().add().set(w);
          // dB[co] += g
          c.get(pDB).get(co).i32(2).shl().add();
          c.get(pDB).get(co).i32(2).shl().add(); c.f32load(); c.get(gs); c.f32add(); c.f32store();
          // cat = [h = 0] | [h = H − 1]·2 | [w = 0]·4 | [w = W − 1]·8
          c.get(h).eqz();
          c.get(h).get(H).i32(1).sub().eq().i32(1).shl().b.push(0x72);
          c.get(w).eqz().i32(2).shl().b.push(0x72);
          c.get(w).get(W).i32(1).sub().eq().i32(3).shl().b.push(0x72);
          c.set(cat);
          // entry ps = pScr + 64 + (cat·cap + count[cat])·8; count[cat]++
          c.get(pScr).get(cat).i32(2).shl().add().load32(0).set(t);
          c.get(pScr).get(cat).i32(2).shl().add().get(t).i32(1).add().store32(0);
          c.get(pScr).i32(64).add().get(cat).get(cap).mul().get(t).add().i32(3).shl().add().set(ps);
          c.get(ps).get(gs); c.f32store(0);
          // x offset of tap (0, 0): b·imgB + ((h − 1)·W + w − 1)·Cin4 (may be negative; only valid taps add to it)
          c.get(ps).get(b).get(imgB).mul().get(h).i32(1).sub().get(W).mul().get(w).add().i32(1).sub().get(Cin4).mul().add().store32(4);
          c.end();
        });
      });
      c.get(b).i32(1).add().set(b);
      c.br(0).end().end();
      // 2) per tap and 32-float block of Cin: dWᵀ in registers, then Wᵀ in registers
      c.loopTo(kh, () => c.i32(3), 1, () => {
        c.loopTo(kw, () => c.i32(3), 1, () => {
          // categories whose winners lack this tap: excl bits (kh = 0 → top, kh = 2 → bottom, kw likewise)
          c.get(kh).eqz().get(kh).i32(2).eq().i32(1).shl().b.push(0x72);
          c.get(kw).eqz().i32(2).shl().b.push(0x72);
          c.get(kw).i32(2).eq().i32(3).shl().b.push(0x72);
          c.set(excl);
          c.get(kh).get(W).mul().get(kw).add().get(Cin4).mul().set(tapOff);
          /** the bucket `cat` when its winners have this tap: pp..pe its entries */
          const bucket = (body: () => void): void => {
            c.get(cat).get(excl).and().eqz().if_();
            c.get(pScr).i32(64).add().get(cat).get(cap).mul().i32(3).shl().add().set(pp);
            c.get(pp).get(pScr).get(cat).i32(2).shl().add().load32(0).i32(3).shl().add().set(pe);
            body();
            c.end();
          };
          /** every winner with this tap (no per-winner test): gv = g, t = base + offset of the tap row */
          const winners = (base: number, body: () => void): void => {
            c.loopTo(cat, () => c.i32(16), 1, () => {
              bucket(() => {
                c.block().loop();
                c.get(pp).get(pe).geU().brIf(1);
                c.get(pp); c.f32load(0); c.fsplat().set(gv);
                c.get(base).get(pp).load32(4).add().get(tapOff).add().get(blk).add().set(t);
                body();
                c.get(pp).i32(8).add().set(pp);
                c.br(0).end().end();
              });
            });
          };
          /** byte offset ci of [co, kh, kw, blk] in Wᵀ / dWᵀ */
          const tapRow = (): void => {
            c.get(co).i32(9).mul().get(kh).i32(3).mul().add().get(kw).add().get(Cin4).mul().get(blk).add().set(ci);
          };
          // dWᵀ: 16-float blocks, 4 accumulators, two winners per step: tmp = g₁·x₁ + g₂·x₂, acc += tmp —
          // one dependent add per two winners (one FMA chain per accumulator and winner was
          // latency-bound); 8 accumulators would spill (V8 hoists the loads above the FMAs)
          const acc = r.slice(0, 4);
          const tmp = r.slice(4, 8);
          c.loopTo(blk, () => c.get(Cin4), 64, () => {
            tapRow();
            for (const v of acc) c.vzero().set(v);
            c.loopTo(cat, () => c.i32(16), 1, () => {
              bucket(() => {
                // pairs while pp + 8 < pe
                c.block().loop();
                c.get(pp).i32(8).add().get(pe).geU().brIf(1);
                c.get(pp); c.f32load(0); c.fsplat().set(gv);
                c.get(pp); c.f32load(8); c.fsplat().set(gv2);
                c.get(pX).get(pp).load32(4).add().get(tapOff).add().get(blk).add().set(t);
                c.get(pX).get(pp).load32(12).add().get(tapOff).add().get(blk).add().set(t2);
                tmp.forEach((v, i) => {
                  c.get(gv).get(t).vload(16 * i).fmul().set(v);
                  madd(() => c.get(v), () => c.get(gv2), () => c.get(t2).vload(16 * i));
                  c.set(v);
                });
                acc.forEach((v, i) => c.get(v).get(tmp[i]!).fadd().set(v));
                c.get(pp).i32(16).add().set(pp);
                c.br(0).end().end();
                // the last odd one
                c.get(pp).get(pe).ltU().if_();
                c.get(pp); c.f32load(0); c.fsplat().set(gv);
                c.get(pX).get(pp).load32(4).add().get(tapOff).add().get(blk).add().set(t);
                acc.forEach((v, i) => {
                  madd(() => c.get(v), () => c.get(gv), () => c.get(t).vload(16 * i));
                  c.set(v);
                });
                c.end();
              });
            });
            acc.forEach((v, i) => {
              c.get(pDWT).get(ci).add();
              c.get(pDWT).get(ci).add().vload(16 * i).get(v).fadd();
              c.vstore(16 * i);
            });
          });
          // dX: 32-float blocks of Wᵀ held in 8 registers
          c.get(pDX).if_();
          c.loopTo(blk, () => c.get(Cin4), 128, () => {
            tapRow();
            r.forEach((v, i) => c.get(pWT).get(ci).add().vload(16 * i).set(v));
            winners(pDX, () => {
              r.forEach((v, i) => {
                c.get(t);
                madd(() => c.get(t).vload(16 * i), () => c.get(gv), () => c.get(v));
                c.vstore(16 * i);
              });
            });
          });
          c.end();
        });
      });
    });
    c.get(b0).get(nb).add().set(b0);
  });
  c.end();
  const F32 = 0x7d;
  return [...uleb(3), ...uleb(27), I32, 1, F32, 10, V128, ...c.b];
}

function buildModule(fma: boolean): Uint8Array {
  return i32Module([
    { name: 'im2col3', params: 6, body: convBody('im2col') },
    { name: 'col2im3', params: 6, body: convBody('col2im') },
    { name: 'pool2', params: 7, body: poolFwdBody() },
    { name: 'pool2Back', params: 9, body: poolBackBody() },
    { name: 'reluMask', params: 3, body: reluMaskBody() },
    { name: 'poolConvBack', params: 16, body: poolConvBackBody(fma) },
  ]);
}

// relaxed SIMD FMA exactly when the GEMM module uses it (gemm-wasm.ts enables the feature)
const convModule = lazyModule(() => buildModule(wasmKernelVariant() === 'wasm-simd-fma'));

/** 3×3 'same' conv lowering (see im2colBody); false when the arrays are not in the arena. */
export type ConvLowerFn = (x: Float32Array, col: Float32Array, B: number, H: number, W: number, C: number) => boolean;
/** 2×2 max pool forward: out [B, ⌈H/2⌉, ⌈W/2⌉, C], slot [same] ∈ 0..3; false when not applicable. */
export type PoolFn = (x: Float32Array, out: Float32Array, slot: Int32Array, B: number, H: number, W: number, C: number) => boolean;
/** 2×2 max pool backward into dIn [B, H, W, C] (overwritten); `relu`: mask by out > 0. */
export type PoolBackFn = (dOut: Float32Array, out: Float32Array, slot: Int32Array, dIn: Float32Array, B: number, H: number, W: number, C: number, relu: boolean) => boolean;
/** d[i] = 0 where !(out[i] > 0), i < n; false when not applicable. */
export type ReluMaskFn = (out: Float32Array, d: Float32Array, n: number) => boolean;

/**
 * Backward of a 3×3 'same' conv feeding a 2×2 max pool, from the pool's winners (poolConvBackBody):
 * x [B, H, W, Cin] the conv input, dP / out / slot the pool's output gradient, output and winner
 * slots [B, ⌈H/2⌉, ⌈W/2⌉, Cout], wT [Cout, 9·Cin]; writes dX (null: not needed), accumulates into
 * dWT [Cout, 9·Cin] and dB [Cout]; scratch: ≥ poolConvScratchFloats(nb, H, W) floats, nb images per chunk.
 * False when not applicable (Cin not a multiple of 32, not in the arena).
 */
export type PoolConvBackFn = (
  x: Float32Array, dP: Float32Array, out: Float32Array, slot: Int32Array, wT: Float32Array,
  dX: Float32Array | null, dWT: Float32Array, dB: Float32Array,
  B: number, H: number, W: number, Cin: number, Cout: number, relu: boolean, scratch: Float32Array, nb: number,
) => boolean;

/** Scratch of poolConvBack for chunks of nb images of H×W: 16 counters + 16 buckets of (g, offset) per window. */
export function poolConvScratchFloats(nb: number, H: number, W: number): number {
  return 16 + 32 * nb * Math.ceil(H / 2) * Math.ceil(W / 2);
}

export interface ConvKernels {
  poolConvBack: PoolConvBackFn;
  im2col3: ConvLowerFn;
  col2im3: ConvLowerFn;
  pool2: PoolFn;
  pool2Back: PoolBackFn;
  reluMask: ReluMaskFn;
}

/** Kernels over `memory`, or null when WebAssembly SIMD is unavailable. */
export function createConvKernels(memory: WasmMemory): ConvKernels | null {
  const mod = convModule();
  const inst = mod ? instantiateOver(mod, memory) : null;
  if (!inst) return null;
  const { ex, inMem } = inst;
  const buf = memory.buffer;
  const [i2c, c2i, pf, pb, rm, pcb] = [ex['im2col3']!, ex['col2im3']!, ex['pool2']!, ex['pool2Back']!, ex['reluMask']!, ex['poolConvBack']!];
  return {
    poolConvBack: (x, dP, out, slot, wT, dX, dWT, dB, B, H, W, Cin, Cout, relu, scratch, nb) => {
      if (Cin % 32 !== 0 || nb < 1 || scratch.length < poolConvScratchFloats(nb, H, W)) return false;
      if (!inMem(x, dP, out, slot, wT, dWT, dB, scratch) || (dX && dX.buffer !== buf)) return false;
      pcb(x.byteOffset, dP.byteOffset, out.byteOffset, slot.byteOffset, wT.byteOffset, dX ? dX.byteOffset : 0, dWT.byteOffset, dB.byteOffset, B, H, W, Cin, Cout, relu ? 1 : 0, scratch.byteOffset, nb);
      return true;
    },
    im2col3: (x, col, B, H, W, C) => inMem(x, col) && (i2c(x.byteOffset, col.byteOffset, B, H, W, C), true),
    col2im3: (dIn, dcol, B, H, W, C) => (C & 3) === 0 && inMem(dIn, dcol) && (c2i(dIn.byteOffset, dcol.byteOffset, B, H, W, C), true),
    pool2: (x, out, slot, B, H, W, C) => (C & 3) === 0 && inMem(x, out, slot) && (pf(x.byteOffset, out.byteOffset, slot.byteOffset, B, H, W, C), true),
    pool2Back: (dOut, out, slot, dIn, B, H, W, C, relu) =>
      (C & 3) === 0 && inMem(dOut, out, slot, dIn) && (pb(dOut.byteOffset, out.byteOffset, slot.byteOffset, dIn.byteOffset, B, H, W, C, relu ? 1 : 0), true),
    reluMask: (out, d, n) => {
      const n4 = n & ~3;
      if (!inMem(out, d)) return false;
      if (n4 > 0) rm(out.byteOffset, d.byteOffset, n4 * 4);
      for (let i = n4; i < n; i++) if (!(out[i]! > 0)) d[i] = 0;
      return true;
    },
  };
}
