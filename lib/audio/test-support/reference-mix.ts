/**
 * An independent reference for fader/pan-only mixes, written from the W3C Web Audio API 1.0
 * "StereoPannerNode panning algorithm" and the dB definition, sharing no code with the engine.
 * Test-only. Float order: README.md "Float operation order".
 */
const f = Math.fround;

export interface ReferenceTrack {
  stem: Float32Array[];
  gainDb: number;
  pan: number;
  offsetFrames: number;
}

/** 20 log10 inverted; -144 dB and below is the document's silence. */
export function referenceGain(db: number): number {
  return db > -144 ? 10 ** (db / 20) : 0;
}

/** [gainL, gainR] of the spec: x = (pan + 1) / 2 for mono input, pan + 1 or pan for stereo. */
export function referencePanGains(pan: number, stereoInput: boolean): [number, number] {
  const x = stereoInput ? (pan <= 0 ? pan + 1 : pan) : (pan + 1) / 2;
  return [Math.cos((x * Math.PI) / 2), Math.sin((x * Math.PI) / 2)];
}

export function referenceMix(tracks: ReferenceTrack[], frames: number, startFrame = 0): [Float32Array, Float32Array] {
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (const track of tracks) {
    const g = referenceGain(track.gainDb);
    const stereo = track.stem.length === 2;
    const [gl, gr] = referencePanGains(track.pan, stereo);
    const sample = (c: number, n: number) => {
      const k = startFrame + n - track.offsetFrames;
      const s = k >= 0 && k < track.stem[c].length ? track.stem[c][k] : 0;
      return g === 1 ? s : f(s * g);
    };
    for (let n = 0; n < frames; n++) {
      let l: number;
      let r: number;
      if (!stereo) {
        const t = sample(0, n);
        l = f(t * gl);
        r = f(t * gr);
      } else {
        const tl = sample(0, n);
        const tr = sample(1, n);
        if (track.pan <= 0) {
          l = f(tl + tr * gl);
          r = f(tr * gr);
        } else {
          l = f(tl * gl);
          r = f(tr + tl * gr);
        }
      }
      left[n] = f(left[n] + l);
      right[n] = f(right[n] + r);
    }
  }
  return [left, right];
}

/** Largest |a - b| over both arrays (Infinity when lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let n = 0; n < a.length; n++) max = Math.max(max, Math.abs(a[n] - b[n]));
  return max;
}

/** Number of samples whose bits differ. */
export function countDifferent(a: Float32Array, b: Float32Array): number {
  let count = 0;
  for (let n = 0; n < a.length; n++) if (!Object.is(a[n], b[n])) count++;
  return count;
}

export function peakAbs(x: ArrayLike<number>, from = 0, to = x.length): number {
  let max = 0;
  for (let n = from; n < to; n++) max = Math.max(max, Math.abs(x[n]));
  return max;
}
