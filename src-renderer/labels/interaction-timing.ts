/**
 * Zoom/pan response instrumentation of the Labels chart (for the labels-view bench and the
 * labels-perf e2e spec; no effect on behaviour). An interaction starts at the input that changed
 * the window (wheel, drag, `+`/`-`) and ends at the chart's `finished` event once nothing is left
 * to do for it: no debounced view report pending, no points query in flight, and the last option
 * drawn. The results go on the chart container as data attributes:
 *   data-interactions               how many interactions completed (wait for the n-th)
 *   data-last-interaction-ms        input → settled (including any re-query of points)
 *   data-last-interaction-paint-ms  input → first frame drawn after it
 */
export class InteractionClock {
  private t0: number | null = null;
  private painted: number | null = null;
  private count = 0;
  /** An option was set and its `finished` has not come yet. */
  private drawing = false;
  /** Latest raw input time (wheel / pointer / key), to start an interaction at the input, not at the throttled datazoom. */
  private lastInput = -Infinity;

  constructor(private readonly el: () => HTMLElement | null) {}

  input(timeStamp: number): void {
    this.lastInput = timeStamp;
  }

  /** An interaction starts (kept if one is already running: a wheel burst is one interaction). */
  begin(at?: number): void {
    if (this.t0 !== null) return;
    const now = performance.now();
    this.t0 = at ?? (now - this.lastInput < 1000 ? this.lastInput : now);
    this.painted = null;
  }

  get pending(): boolean {
    return this.t0 !== null;
  }

  optionSet(): void {
    this.drawing = true;
  }

  /** The chart's `finished`: completes the interaction when `idle()` says nothing else is coming. */
  finished(idle: boolean): void {
    this.drawing = false;
    if (this.t0 === null) return;
    if (this.painted === null) this.painted = performance.now() - this.t0;
    if (idle) this.complete();
  }

  /** For the case where nothing is redrawn (the view did not change): complete if idle. */
  settleIfIdle(idle: boolean): void {
    if (this.t0 !== null && idle && !this.drawing) this.complete();
  }

  private complete(): void {
    if (this.t0 === null) return;
    const ms = performance.now() - this.t0;
    const paint = this.painted ?? ms;
    this.t0 = null;
    this.painted = null;
    this.count++;
    const el = this.el();
    if (!el) return;
    el.dataset['lastInteractionMs'] = ms.toFixed(1);
    el.dataset['lastInteractionPaintMs'] = paint.toFixed(1);
    el.dataset['interactions'] = String(this.count);
  }
}
