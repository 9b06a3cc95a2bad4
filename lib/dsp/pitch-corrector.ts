import { PitchDetector, pitchAt, type PitchDetectorOptions, type PitchTrack } from './pitch-detector';
import { assertRange, clampParam, type Hertz, type Milliseconds, type NormalRange } from './units';

export const SCALES = {
  chromatic: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
} as const;
export type ScaleName = keyof typeof SCALES;

export interface PitchCorrectionOptions {
  /** The key's tonic as a pitch class: 0 = C ... 9 = A ... 11 = B. @min 0 @max 11 @default 9 */
  key: number;
  /** @default 'minor' */
  scale: ScaleName;
  /** Time the correction takes to reach a note: 0 snaps at once (the "hard-tuned" sound). @min 0 @max 400 @default 20 */
  retuneMs: Milliseconds;
  /** Share of the singer's own movement around a note (vibrato, scoops) kept: 0 holds it flat. @min 0 @max 1 @default 0 */
  humanize: NormalRange;
  /** Detection settings (range of the voice). */
  detector?: Partial<PitchDetectorOptions>;
  /** Called with the share done, 0..1, a few times a second of work (the page shows it). */
  onProgress?: (fraction: number) => void;
}

/** Shares of the work: detection is most of it, the shifting the rest. */
const DETECT_SHARE = 0.8;

export interface PitchCorrection {
  /** The corrected channels, as long as the input. */
  channels: Float32Array[];
  /** What was detected, and the pitch each estimate was moved to (Hz, 0 where unvoiced). */
  detected: PitchTrack;
  corrected: Float32Array;
}

/** Frame spacing of the marks where nothing is voiced: short grains that overlap back to the input. */
const UNVOICED_PERIOD_SEC = 0.005;
/** How slowly the "own movement" of `humanize` is measured: its mean is the note sung. */
const HUMANIZE_MS = 150;

const toMidi = (hz: Hertz) => 69 + 12 * Math.log2(hz / 440);
const toHz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** The note of `scale` in `key` nearest to `midi`. */
export function nearestScaleNote(midi: number, key: number, scale: ScaleName): number {
  let best = Math.round(midi);
  let distance = Infinity;
  for (let n = Math.floor(midi) - 2; n <= Math.ceil(midi) + 2; n++) {
    const pc = (((n - key) % 12) + 12) % 12;
    if (!(SCALES[scale] as readonly number[]).includes(pc)) continue;
    if (Math.abs(n - midi) < distance) {
      distance = Math.abs(n - midi);
      best = n;
    }
  }
  return best;
}

/**
 * Pitch correction of a monophonic recording, computed offline (it needs to see ahead): YIN finds
 * the pitch; each estimate is moved toward the nearest note of the key and scale (smoothed by
 * `retuneMs`, keeping `humanize` of the singer's own movement); a PSOLA shifter then re-spaces
 * pitch-synchronous grains (two periods long, Hann-windowed) at the new period. The grains keep
 * their shape, so the formants stay where they were; the timing and length are unchanged. Where
 * nothing is voiced the grains are laid back where they came from, which gives the input back.
 */
export function correctPitch(input: ReadonlyArray<Float32Array>, sampleRate: Hertz, options: Partial<PitchCorrectionOptions> = {}): PitchCorrection {
  assertRange('sampleRate', sampleRate, 8000, 384000);
  const key = Math.round(clampParam('key', options.key ?? 9, 0, 11));
  const scale = options.scale ?? 'minor';
  const retuneMs = clampParam('retuneMs', options.retuneMs ?? 20, 0, 400);
  const humanize = clampParam('humanize', options.humanize ?? 0, 0, 1);
  const frames = input[0]?.length ?? 0;
  const mono = new Float32Array(frames);
  for (const ch of input) for (let i = 0; i < frames; i++) mono[i] += ch[i] / input.length;
  const onProgress = options.onProgress;
  const detected = new PitchDetector(options.detector).detect(mono, sampleRate, onProgress && ((f) => onProgress(DETECT_SHARE * f)));
  const corrected = targets(detected, key, scale, retuneMs, humanize);

  // Analysis marks: one a period apart on the signal's peaks where voiced, evenly where not.
  const marks: number[] = [];
  const periods: number[] = [];
  for (let t = 0; t < frames; ) {
    const hz = pitchAt(detected, t);
    const period = hz > 0 ? sampleRate / hz : UNVOICED_PERIOD_SEC * sampleRate;
    let mark = t;
    if (hz > 0) {
      const half = Math.floor(period / 3);
      for (let j = Math.max(0, t - half); j <= Math.min(frames - 1, t + half); j++) if (Math.abs(mono[j]) > Math.abs(mono[mark])) mark = j;
      if (marks.length > 0 && mark <= marks[marks.length - 1]) mark = t;
    }
    marks.push(mark);
    periods.push(period);
    t = mark + Math.max(1, Math.round(period));
  }

  // Synthesis marks: the target period apart; each lays down the nearest analysis grain.
  const channels = input.map(() => new Float32Array(frames));
  const weights = new Float32Array(frames);
  let nearest = 0;
  let reported = 0;
  for (let s = marks[0] ?? 0; s < frames; ) {
    if (onProgress && s - reported >= sampleRate) {
      reported = s;
      onProgress(DETECT_SHARE + ((1 - DETECT_SHARE) * s) / frames);
    }
    while (nearest + 1 < marks.length && Math.abs(marks[nearest + 1] - s) <= Math.abs(marks[nearest] - s)) nearest++;
    const a = marks[nearest];
    const period = periods[nearest];
    const hz = pitchAt(detected, a);
    const ratio = hz > 0 ? targetAt(corrected, detected, s) / hz : 1;
    const half = Math.max(1, Math.round(period));
    for (let j = -half; j <= half; j++) {
      const to = s + j;
      const from = a + j;
      if (to < 0 || to >= frames || from < 0 || from >= frames) continue;
      const w = 0.5 + 0.5 * Math.cos((Math.PI * j) / half);
      weights[to] += w;
      for (let c = 0; c < input.length; c++) channels[c][to] += w * input[c][from];
    }
    s += Math.max(1, Math.round(period / (ratio > 0 ? ratio : 1)));
  }
  // Overlap-add normalised by the windows laid down: the level holds whatever the new spacing.
  for (let i = 0; i < frames; i++) {
    const w = weights[i];
    for (let c = 0; c < input.length; c++) channels[c][i] = w > 1e-3 ? channels[c][i] / w : input[c][i];
  }
  onProgress?.(1);
  return { channels, detected, corrected };
}

/** The corrected pitch of each estimate (0 where unvoiced). */
function targets(track: PitchTrack, key: number, scale: ScaleName, retuneMs: Milliseconds, humanize: NormalRange): Float32Array {
  const out = new Float32Array(track.hz.length);
  const hopSec = track.hopFrames / track.sampleRate;
  const retune = retuneMs > 0 ? Math.exp(-hopSec / (retuneMs / 1000)) : 0;
  const slow = Math.exp(-hopSec / (HUMANIZE_MS / 1000));
  let correction = 0;
  let mean = 0;
  let voiced = false;
  for (let k = 0; k < track.hz.length; k++) {
    const hz = track.hz[k];
    if (hz <= 0) {
      voiced = false;
      continue;
    }
    const midi = toMidi(hz);
    // A new phrase starts from where it is sung and moves to the note at the retune speed.
    if (!voiced) {
      mean = midi;
      correction = 0;
    }
    voiced = true;
    mean = slow * mean + (1 - slow) * midi;
    const note = nearestScaleNote(mean, key, scale);
    const wanted = note + humanize * (midi - mean) - midi;
    correction = retune * correction + (1 - retune) * wanted;
    out[k] = toHz(midi + correction);
  }
  return out;
}

function targetAt(corrected: Float32Array, track: PitchTrack, frame: number): Hertz {
  return pitchAt({ ...track, hz: corrected }, frame);
}
