/** Points the goniometer gets per meter frame at most (L, R pairs). */
export const SCOPE_POINTS = 512;

/**
 * Phase correlation and goniometer points of the master, between two reads: the correlation
 * sum(L R) / sqrt(sum(L L) sum(R R)) over every frame since the last `take` (null when either side
 * is silent), and the latest `SCOPE_POINTS` frames, every `decimate`-th, as interleaved L, R.
 */
export class StereoScope {
  private ll = 0;
  private rr = 0;
  private lr = 0;
  private readonly ring = new Float32Array(SCOPE_POINTS * 2);
  private write = 0;
  private count = 0;
  private phase = 0;

  constructor(private readonly decimate = 4) {}

  add(left: Float32Array, right: Float32Array, frames: number): void {
    let ll = this.ll;
    let rr = this.rr;
    let lr = this.lr;
    for (let i = 0; i < frames; i++) {
      const l = left[i];
      const r = right[i];
      ll += l * l;
      rr += r * r;
      lr += l * r;
      if (++this.phase >= this.decimate) {
        this.phase = 0;
        this.ring[this.write * 2] = l;
        this.ring[this.write * 2 + 1] = r;
        this.write = (this.write + 1) % SCOPE_POINTS;
        if (this.count < SCOPE_POINTS) this.count++;
      }
    }
    this.ll = ll;
    this.rr = rr;
    this.lr = lr;
  }

  /** The correlation and points since the last call; starts over. */
  take(): { correlation: number | null; points: Float32Array } {
    const denominator = Math.sqrt(this.ll * this.rr);
    const correlation = denominator > 1e-12 ? Math.max(-1, Math.min(1, this.lr / denominator)) : null;
    const points = new Float32Array(this.count * 2);
    const start = (this.write - this.count + SCOPE_POINTS) % SCOPE_POINTS;
    for (let k = 0; k < this.count; k++) {
      const at = ((start + k) % SCOPE_POINTS) * 2;
      points[k * 2] = this.ring[at];
      points[k * 2 + 1] = this.ring[at + 1];
    }
    this.ll = this.rr = this.lr = 0;
    this.count = 0;
    return { correlation, points };
  }
}
