import { dbToGain, TranslationFilter, type Decibels, type Lufs, type TranslationDevice } from '../dsp';
import { GainRamp } from './gain-ramp';

/**
 * What the engineer listens to. Monitoring changes only what is heard in the page's worklet: it
 * is no part of the document, of a `MixSnapshot` or of any render, so exports never carry it.
 */
export interface MonitorSettings {
  /**
   * A/B: the master (after the whole master section), the mix before it (time-aligned), or the
   * codec preview (the master through an encoder and back, `setPreview`) where it has audio, or
   * a reference track (`setReference`) at the same relative position in it as the playhead in the mix.
   */
  source: 'master' | 'mix' | 'codec' | 'reference';
  /** Play both sides of the A/B at the loudness of the quieter one (integrated, measured live). */
  matchLoudness: boolean;
  /** Stereo as it is; mono ((L + R) / 2 on both); side only ((L - R) / 2 on both); left and right swapped. */
  channels: 'stereo' | 'mono' | 'side' | 'swap';
  /** A translation check (lib/dsp TRANSLATION_CURVES), or null. */
  device: TranslationDevice | null;
  /** Platform preview: the gain a platform applies on playback (its normalisation), in dB. */
  previewGainDb: Decibels;
  /** The reference track's gain: its loudness matched to the master's. */
  referenceGainDb: Decibels;
}

export const MONITOR_DEFAULTS: Readonly<MonitorSettings> = Object.freeze({
  source: 'master',
  matchLoudness: false,
  channels: 'stereo',
  device: null,
  previewGainDb: 0,
  referenceGainDb: 0,
});

/**
 * The gains that play mix and master at the same loudness: the louder side is turned down to the
 * quieter one. Zero while either has no integrated loudness yet.
 */
export function matchGainsDb(masterLufs: Lufs, mixLufs: Lufs): { master: Decibels; mix: Decibels } {
  if (!Number.isFinite(masterLufs) || !Number.isFinite(mixLufs)) return { master: 0, mix: 0 };
  return { master: Math.min(0, mixLufs - masterLufs), mix: Math.min(0, masterLufs - mixLufs) };
}

/** Channel mode and translation device: the part of monitoring that is crossfaded on a change. */
class Transform {
  readonly filter: TranslationFilter | null;
  constructor(
    readonly channels: MonitorSettings['channels'],
    readonly device: TranslationDevice | null,
    sampleRate: number,
  ) {
    this.filter = device ? new TranslationFilter(device, sampleRate) : null;
  }

  get identity(): boolean {
    return this.channels === 'stereo' && this.filter === null;
  }

  /** From `input` into `out` (distinct buffers). */
  process(input: readonly [Float32Array, Float32Array], out: readonly [Float32Array, Float32Array], frames: number): void {
    const [l, r] = input;
    const [ol, or] = out;
    for (let i = 0; i < frames; i++) {
      const a = l[i];
      const b = r[i];
      switch (this.channels) {
        case 'mono':
          ol[i] = or[i] = (a + b) * 0.5;
          break;
        case 'side':
          ol[i] = or[i] = (a - b) * 0.5;
          break;
        case 'swap':
          ol[i] = b;
          or[i] = a;
          break;
        default:
          ol[i] = a;
          or[i] = b;
      }
    }
    this.filter?.process(out, out, frames);
  }
}

/**
 * The monitor stage at the end of the live engine (never in a render): A/B of master and mix
 * (the mix delayed to line up with the master, so a switch keeps the position to the sample),
 * crossfaded over one block, each side at its loudness-matching gain; then mono, side or swap and
 * a translation device, crossfaded over one block when changed; then the platform preview gain.
 * At `MONITOR_DEFAULTS` it changes no sample.
 */
export class MonitorSection {
  private settings: MonitorSettings = { ...MONITOR_DEFAULTS };
  /** 0 = master, 1 = mix; ramps across one block. */
  private readonly source: GainRamp;
  private readonly masterGain: GainRamp;
  private readonly mixGain: GainRamp;
  private readonly preview: GainRamp;
  private transform: Transform;
  private previous: Transform | null = null;
  /** 0..1: the codec preview's share; ramps across one block. */
  private readonly codec: GainRamp;
  /** 0..1: the reference track's share. */
  private readonly ref: GainRamp;
  private reference: [Float32Array, Float32Array] | null = null;
  private readonly referenceGain: GainRamp;
  /** The mix's length in frames, for the reference's relative position. */
  private mixFrames = 0;
  private codecPreview: { startFrame: number; channels: [Float32Array, Float32Array] } | null = null;
  private readonly a: [Float32Array, Float32Array];
  private readonly b: [Float32Array, Float32Array];
  private match = { master: 0, mix: 0 };

  constructor(
    private readonly sampleRate: number,
    blockSize: number,
  ) {
    this.source = new GainRamp(0, blockSize);
    this.codec = new GainRamp(0, blockSize);
    this.ref = new GainRamp(0, blockSize);
    this.referenceGain = new GainRamp(1, blockSize);
    // Matching gains glide (at most a full-scale change per 50 ms) as the measurement settles.
    const glide = 1 / (0.05 * sampleRate);
    this.masterGain = new GainRamp(1, blockSize, glide);
    this.mixGain = new GainRamp(1, blockSize, glide);
    this.preview = new GainRamp(1, blockSize);
    this.transform = new Transform('stereo', null, sampleRate);
    this.a = [new Float32Array(blockSize), new Float32Array(blockSize)];
    this.b = [new Float32Array(blockSize), new Float32Array(blockSize)];
  }

  get current(): Readonly<MonitorSettings> {
    return this.settings;
  }

  /** True when the stage needs the time-aligned mix (A/B on the mix side, or fading to or from it). */
  get wantsMix(): boolean {
    return this.settings.source === 'mix' || this.source.value !== 0;
  }

  set(settings: MonitorSettings): void {
    if (!Number.isFinite(settings.previewGainDb)) throw new RangeError('previewGainDb must be finite');
    const before = this.settings;
    this.settings = { ...settings };
    this.source.target = settings.source === 'mix' ? 1 : 0;
    this.codec.target = settings.source === 'codec' ? 1 : 0;
    this.ref.target = settings.source === 'reference' ? 1 : 0;
    if (!Number.isFinite(settings.referenceGainDb)) throw new RangeError('referenceGainDb must be finite');
    this.referenceGain.target = dbToGain(settings.referenceGainDb);
    this.preview.target = dbToGain(settings.previewGainDb);
    if (settings.channels !== before.channels || settings.device !== before.device) {
      this.previous = this.transform;
      this.transform = new Transform(settings.channels, settings.device, this.sampleRate);
    }
    this.applyMatch();
  }

  /**
   * The codec preview: the master of timeline frames `startFrame ..` through an encoder and back,
   * aligned to the master (null: none). Outside it, the codec side plays the master.
   */
  setPreview(preview: { startFrame: number; channels: [Float32Array, Float32Array] } | null): void {
    this.codecPreview = preview;
  }

  /**
   * A reference track to compare with (null: none): played at `referenceGainDb` (its loudness
   * matched to the master's), at the same share of its length as the playhead's share of the mix.
   */
  setReference(channels: [Float32Array, Float32Array] | null, mixFrames: number): void {
    this.reference = channels;
    this.mixFrames = mixFrames;
  }

  /** The mix's length in frames (the engine tells it whenever it changes). */
  setMixFrames(frames: number): void {
    this.mixFrames = frames;
  }

  /** The measured integrated loudness of both sides (the engine's meters), for matching. */
  setLoudness(masterLufs: Lufs, mixLufs: Lufs): void {
    this.match = matchGainsDb(masterLufs, mixLufs);
    this.applyMatch();
  }

  /** The gains in force for matching, in dB (0 when matching is off). */
  get matchGainsDb(): { master: Decibels; mix: Decibels } {
    return this.settings.matchLoudness ? this.match : { master: 0, mix: 0 };
  }

  private applyMatch(): void {
    const { master, mix } = this.matchGainsDb;
    this.masterGain.target = dbToGain(master);
    this.mixGain.target = dbToGain(mix);
  }

  /** After a seek: jump every ramp to its target, clear the filters. */
  reset(): void {
    this.source.settle();
    this.codec.settle();
    this.ref.settle();
    this.referenceGain.settle();
    this.masterGain.settle();
    this.mixGain.settle();
    this.preview.settle();
    this.previous = null;
    this.transform.filter?.reset();
  }

  /**
   * One block: `bufs` holds the master and receives what is heard; `mix` holds the mix of the
   * same frames (read only when the A/B needs it).
   */
  process(bufs: [Float32Array, Float32Array], mix: readonly [Float32Array, Float32Array], frames: number, outputFrame = 0): void {
    const k = this.codec.next(frames);
    const preview = this.codecPreview;
    if (!(k === 0) && preview) {
      // The codec side replaces the master where the preview has audio.
      const kv = this.codec.values;
      const from = outputFrame - preview.startFrame;
      const length = preview.channels[0].length;
      for (let c = 0; c < 2; c++) {
        const out = bufs[c];
        const pcm = preview.channels[c];
        for (let i = 0; i < frames; i++) {
          const at = from + i;
          if (at < 0 || at >= length) continue;
          const w = k === k ? k : kv[i];
          out[i] = out[i] * (1 - w) + pcm[at] * w;
        }
      }
    }
    const r = this.ref.next(frames);
    const rg = this.referenceGain.next(frames);
    const reference = this.reference;
    if (!(r === 0) && reference && this.mixFrames > 0) {
      const rv = this.ref.values;
      const gv = this.referenceGain.values;
      const length = reference[0].length;
      const scale = length / this.mixFrames;
      for (let i = 0; i < frames; i++) {
        const at = Math.floor((outputFrame + i) * scale);
        const w = r === r ? r : rv[i];
        const g = rg === rg ? rg : gv[i];
        for (let c = 0; c < 2; c++) {
          const x = at >= 0 && at < length ? reference[c][at] * g : 0;
          bufs[c][i] = bufs[c][i] * (1 - w) + x * w;
        }
      }
    }
    const s = this.source.next(frames);
    const gm = this.masterGain.next(frames);
    const gd = this.mixGain.next(frames);
    if (!(s === 0 && gm === 1)) {
      const sv = this.source.values;
      const gmv = this.masterGain.values;
      const gdv = this.mixGain.values;
      for (let c = 0; c < 2; c++) {
        const out = bufs[c];
        const dry = mix[c];
        for (let i = 0; i < frames; i++) {
          const a = s === s ? s : sv[i];
          const m = gm === gm ? gm : gmv[i];
          const d = gd === gd ? gd : gdv[i];
          out[i] = out[i] * (1 - a) * m + (a === 0 ? 0 : dry[i] * a * d);
        }
      }
    }
    const previous = this.previous;
    if (previous) {
      // Crossfade from the old channel mode and device to the new one across this block.
      previous.process(bufs, this.a, frames);
      this.transform.process(bufs, this.b, frames);
      for (let c = 0; c < 2; c++) {
        for (let i = 0; i < frames; i++) {
          const t = (i + 1) / frames;
          bufs[c][i] = this.a[c][i] * (1 - t) + this.b[c][i] * t;
        }
      }
      this.previous = null;
    } else if (!this.transform.identity) {
      this.transform.process(bufs, this.a, frames);
      bufs[0].set(this.a[0].subarray(0, frames));
      bufs[1].set(this.a[1].subarray(0, frames));
    }
    const p = this.preview.next(frames);
    if (p !== 1) {
      const pv = this.preview.values;
      for (let c = 0; c < 2; c++) for (let i = 0; i < frames; i++) bufs[c][i] *= p === p ? p : pv[i];
    }
  }
}
