/**
 * The float operations every signal path of the engine uses, in one place so that their order is
 * fixed (README.md "Float operation order"). Buffers are float32; each product and sum is computed
 * in double and rounded to float32 once, when stored. Gains come as a constant `g`, or as NaN with
 * per-sample `gains` (a ramp).
 */

/** buf[i] = buf[i] * g. Callers skip it when g is exactly 1 (which would change no bits anyway). */
export function scaleBy(buf: Float32Array, g: number, gains: Float64Array, frames: number): void {
  if (g === g) {
    for (let i = 0; i < frames; i++) buf[i] = buf[i] * g;
  } else {
    for (let i = 0; i < frames; i++) buf[i] = buf[i] * gains[i];
  }
}

/** dest[i] = dest[i] + src[i] * g; with g = 1 the plain float sum dest + src. */
export function addScaled(dest: Float32Array, src: Float32Array, g: number, gains: Float64Array, frames: number): void {
  if (g === 1) {
    for (let i = 0; i < frames; i++) dest[i] = dest[i] + src[i];
  } else if (g === g) {
    for (let i = 0; i < frames; i++) dest[i] = dest[i] + src[i] * g;
  } else {
    for (let i = 0; i < frames; i++) dest[i] = dest[i] + src[i] * gains[i];
  }
}

/**
 * Adds 1 (mono: to both sides, unpanned) or 2 source channels into a stereo destination. A
 * constant gain of exactly 0 adds nothing (a muted strip costs no summing).
 */
export function addToStereo(
  dest: ReadonlyArray<Float32Array>,
  src: ReadonlyArray<Float32Array>,
  g: number,
  gains: Float64Array,
  frames: number,
): void {
  if (g === 0) return;
  addScaled(dest[0], src[0], g, gains, frames);
  addScaled(dest[1], src.length > 1 ? src[1] : src[0], g, gains, frames);
}

/** The largest |src[i] * gain| of a block (1 or 2 channels), for a peak meter; at least `peak`. */
export function peakOfScaled(src: ReadonlyArray<Float32Array>, g: number, gains: Float64Array, frames: number, peak: number): number {
  if (g === 0) return peak;
  const constant = g === g;
  let max = 0;
  for (let c = 0; c < src.length; c++) {
    const buf = src[c];
    if (constant) {
      // |x * g| = |x| * |g| exactly (rounding is symmetric in sign): one multiply per block.
      for (let i = 0; i < frames; i++) {
        const v = Math.abs(buf[i]);
        if (v > max) max = v;
      }
    } else {
      for (let i = 0; i < frames; i++) {
        const v = Math.abs(buf[i] * gains[i]);
        if (v > max) max = v;
      }
    }
  }
  if (constant) max *= Math.abs(g);
  return max > peak ? max : peak;
}
