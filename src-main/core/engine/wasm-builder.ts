/**
 * A tiny WebAssembly byte builder: the engine's SIMD kernels (gemm-wasm.ts, wasm-pool.ts) are
 * assembled at load time from these helpers — no toolchain, no opaque binary blob.
 */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}
export function str(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}
export function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

export const I32 = 0x7f;
export const V128 = 0x7b;
export const F32 = 0x7d;

export class Code {
  readonly b: number[] = [];
  get(l: number): this { this.b.push(0x20, ...uleb(l)); return this; }
  set(l: number): this { this.b.push(0x21, ...uleb(l)); return this; }
  i32(v: number): this { this.b.push(0x41, ...sleb(v)); return this; }
  add(): this { this.b.push(0x6a); return this; }
  sub(): this { this.b.push(0x6b); return this; }
  mul(): this { this.b.push(0x6c); return this; }
  shl(): this { this.b.push(0x74); return this; }
  shrU(): this { this.b.push(0x76); return this; }
  and(): this { this.b.push(0x71); return this; }
  gtS(): this { this.b.push(0x4a); return this; }
  eqz(): this { this.b.push(0x45); return this; }
  block(): this { this.b.push(0x02, 0x40); return this; }
  loop(): this { this.b.push(0x03, 0x40); return this; }
  if_(): this { this.b.push(0x04, 0x40); return this; }
  else_(): this { this.b.push(0x05); return this; }
  end(): this { this.b.push(0x0b); return this; }
  br(d: number): this { this.b.push(0x0c, ...uleb(d)); return this; }
  brIf(d: number): this { this.b.push(0x0d, ...uleb(d)); return this; }
  simd(op: number): this { this.b.push(0xfd, ...uleb(op)); return this; }
  vload(off = 0): this { return this.simd(0x00).mem(2, off); }
  vsplat32(off = 0): this { return this.simd(0x09).mem(2, off); }
  vstore(off = 0): this { return this.simd(0x0b).mem(2, off); }
  vzero(): this { this.simd(0x0c); for (let i = 0; i < 16; i++) this.b.push(0); return this; }
  fadd(): this { return this.simd(0xe4); }
  fsub(): this { return this.simd(0xe5); }
  fmul(): this { return this.simd(0xe6); }
  fdiv(): this { return this.simd(0xe7); }
  fsqrt(): this { return this.simd(0xe3); }
  /** f32x4.pmin(a, b) = b < a ? b : a — one minps on x64 (f32x4.min's NaN/−0 rules cost ~7 instructions) */
  fpmin(): this { return this.simd(0xea); }
  /** f32x4.pmax(a, b) = a < b ? b : a — one maxps */
  fpmax(): this { return this.simd(0xeb); }
  fsplat(): this { return this.simd(0x13); }
  /** f32x4.relaxed_madd (a·b + c, fused on x64 with FMA), relaxed-SIMD proposal opcode 0x105 */
  fma(): this { return this.simd(0x105); }
  /** f32x4.relaxed_nmadd (c − a·b), opcode 0x106 */
  fnma(): this { return this.simd(0x106); }
  ltU(): this { this.b.push(0x49); return this; }
  geS(): this { this.b.push(0x4e); return this; }
  geU(): this { this.b.push(0x4f); return this; }
  eq(): this { this.b.push(0x46); return this; }
  select(): this { this.b.push(0x1b); return this; }
  /** f32x4.gt: lanes a > b as all-ones masks (false for NaN) */
  fgt(): this { return this.simd(0x44); }
  /** v128.bitselect(a, b, m): bits of a where m is 1, else of b */
  bitselect(): this { return this.simd(0x52); }
  vand(): this { return this.simd(0x4e); }
  i32x4Eq(): this { return this.simd(0x37); }
  /** i32.load / i32.store (align 4) */
  load32(off = 0): this { this.b.push(0x28, 0x02, ...uleb(off)); return this; }
  store32(off = 0): this { this.b.push(0x36, 0x02, ...uleb(off)); return this; }
  i32x4Add(): this { return this.simd(0xae); }
  i32x4Shl(): this { return this.simd(0xab); }
  i32x4Splat(): this { return this.simd(0x11); }
  /** v128.const with four copies of the float32 v */
  fconst(v: number): this {
    return this.v128const(`f${v}`, new Uint8Array(new Float32Array([v]).buffer));
  }
  /** i32x4 splat of v (pooled like fconst) */
  iconst4(v: number): this {
    return this.v128const(`i${v}`, new Uint8Array(new Int32Array([v]).buffer));
  }
  private v128const(key: string, lane: Uint8Array): this {
    if (this.pool) {
      let e = this.pool.get(key);
      if (e === undefined) this.pool.set(key, (e = { lane, local: this.poolFirst + this.pool.size }));
      return this.get(e.local);
    }
    this.simd(0x0c);
    for (let i = 0; i < 4; i++) this.b.push(lane[0]!, lane[1]!, lane[2]!, lane[3]!);
    return this;
  }
  private pool: Map<string, { lane: Uint8Array; local: number }> | null = null;
  private poolFirst = 0;
  /**
   * From here on, fconst/iconst4 read a v128 local (first, first + 1, … per distinct value) that
   * `withConstPrologue` sets once at the function's start: V8 materialises every v128.const
   * inside a loop body as 3–4 instructions, a local costs at most one stack load.
   */
  hoistConsts(first: number): this {
    this.pool = new Map();
    this.poolFirst = first;
    return this;
  }
  /** Number of hoisted constants (extra v128 locals to declare). */
  get constCount(): number {
    return this.pool?.size ?? 0;
  }
  /** The code with the hoisted constants' initialisation in front. */
  withConstPrologue(): number[] {
    const pro = new Code();
    for (const { lane, local } of this.pool?.values() ?? []) pro.v128const('', lane).set(local);
    return [...pro.b, ...this.b];
  }
  /** scalar f32: load / store (align 4), add, mul, max, constant 0, f32x4.extract_lane */
  f32load(off = 0): this { this.b.push(0x2a, 0x02, ...uleb(off)); return this; }
  f32store(off = 0): this { this.b.push(0x38, 0x02, ...uleb(off)); return this; }
  f32add(): this { this.b.push(0x92); return this; }
  f32mul(): this { this.b.push(0x94); return this; }
  f32max(): this { this.b.push(0x97); return this; }
  f32zero(): this { this.b.push(0x43, 0, 0, 0, 0); return this; }
  lane(i: number): this { return this.simd(0x1f).byte(i); }
  byte(v: number): this { this.b.push(v); return this; }
  /** memory.fill(dst, byte, n) */
  memFill(): this { this.b.push(0xfc, 0x0b, 0x00); return this; }
  /** for (l = 0; l < end; l += step) body() — body must not branch out */
  loopTo(l: number, end: () => void, step: number, body: () => void): this {
    this.i32(0).set(l);
    this.block().loop();
    this.get(l);
    end();
    this.geS().brIf(1);
    body();
    this.get(l).i32(step).add().set(l);
    this.br(0).end().end();
    return this;
  }
  mem(align: number, off: number): this { this.b.push(...uleb(align), ...uleb(off)); return this; }
  /** local += v (i32) */
  inc(l: number, v: number): this { return this.get(l).get(v).add().set(l); }
}

/**
 * A module importing memory `env.mem` and exporting `fns` in order, every parameter i32 and no
 * results (the engine's kernels take byte addresses and sizes).
 */
export function i32Module(fns: readonly { name: string; params: number; body: number[] }[]): Uint8Array {
  const arities = [...new Set(fns.map((f) => f.params))];
  const type = [arities.length, ...arities.flatMap((n) => [0x60, n, ...new Array<number>(n).fill(I32), 0])];
  const imp = [1, ...str('env'), ...str('mem'), 0x02, 0x00, ...uleb(1)];
  const fn = [fns.length, ...fns.map((f) => arities.indexOf(f.params))];
  const exp = [fns.length, ...fns.flatMap((f, i) => [...str(f.name), 0x00, i])];
  const code = [fns.length, ...fns.flatMap((f) => [...uleb(f.body.length), ...f.body])];
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...section(1, type), ...section(2, imp), ...section(3, fn), ...section(7, exp), ...section(10, code)]);
}
