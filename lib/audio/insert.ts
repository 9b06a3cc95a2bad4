/** Anything with the lib/dsp block interface that can be cleared. */
export interface InsertProcessor {
  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void;
  reset(): void;
}

/**
 * One processor slot of a strip that can be switched on and off. Off means bypassed exactly: the
 * processor does not run and the signal is untouched (no filter running at "flat"). Switching
 * crossfades between the dry and the processed signal across one block, so a switch does not
 * click; a processor switched on starts from cleared state.
 */
export class Insert<P extends InsertProcessor> {
  readonly processor: P;
  private enabled = false;
  /** 0 = bypassed, 1 = fully processed, at the end of the last block. */
  private mix = 0;
  private readonly dry: Float32Array[];

  constructor(processor: P, blockSize: number) {
    this.processor = processor;
    this.dry = [new Float32Array(blockSize), new Float32Array(blockSize)];
  }

  get active(): boolean {
    return this.enabled || this.mix !== 0;
  }

  /** Returns true when this switched the slot on (the caller then sets parameters without a ramp). */
  setEnabled(enabled: boolean): boolean {
    if (enabled === this.enabled) return false;
    this.enabled = enabled;
    if (enabled && this.mix === 0) {
      this.processor.reset();
      return true;
    }
    return false;
  }

  /** Jumps to the switched state without a crossfade (fresh start or seek). */
  settle(): void {
    if (this.enabled && this.mix === 0) this.processor.reset();
    this.mix = this.enabled ? 1 : 0;
  }

  /** Processes `bufs` (1 or 2 channels) in place. */
  process(bufs: ReadonlyArray<Float32Array>, frames: number): void {
    const to = this.enabled ? 1 : 0;
    if (this.mix === to) {
      if (to === 1) this.processor.process(bufs, bufs, frames);
      return;
    }
    const from = this.mix;
    const channels = bufs.length;
    for (let c = 0; c < channels; c++) {
      const src = bufs[c];
      const dry = this.dry[c];
      for (let i = 0; i < frames; i++) dry[i] = src[i];
    }
    this.processor.process(bufs, bufs, frames);
    const step = (to - from) / frames;
    for (let c = 0; c < channels; c++) {
      const out = bufs[c];
      const dry = this.dry[c];
      for (let i = 0; i < frames; i++) {
        const w = from + step * (i + 1);
        out[i] = dry[i] + (out[i] - dry[i]) * w;
      }
    }
    if (frames > 0) this.mix = to;
  }
}
