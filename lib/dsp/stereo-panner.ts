import { clampParam, type GainFactor, type Pan } from './units';

export interface StereoPannerOptions {
  /** Pan position. @min -1 @max 1 @default 0 */
  pan: Pan;
}

/**
 * The panning algorithm of the Web Audio API `StereoPannerNode` (W3C Web Audio API 1.0,
 * "StereoPannerNode Panning Algorithm"), per sample, with pan clamped to [-1, 1]:
 *
 *   mono input:    x = (pan + 1) / 2
 *   stereo input:  x = pan + 1 if pan <= 0, else x = pan
 *   gainL = cos(x * PI / 2), gainR = sin(x * PI / 2)
 *
 *   mono input:    outL = in * gainL;                    outR = in * gainR
 *   stereo input, pan <= 0:
 *                  outL = inL + inR * gainL;             outR = inR * gainR
 *   stereo input, pan > 0:
 *                  outL = inL * gainL;                   outR = inR + inL * gainR
 *
 * So a mono source is constant power (-3.01 dB each side at centre) and a stereo source is unity
 * at centre, with the far channel folded into the near one as it is panned.
 */
export function panGains(pan: Pan, stereoInput: boolean, out: Float64Array): void {
  const p = pan < -1 ? -1 : pan > 1 ? 1 : pan;
  const x = stereoInput ? (p <= 0 ? p + 1 : p) : (p + 1) / 2;
  out[0] = Math.cos((x * Math.PI) / 2);
  out[1] = Math.sin((x * Math.PI) / 2);
}

/**
 * Pans one (mono) or two (stereo) input channels into two output channels with the Web Audio
 * pan law. A pan change ramps linearly across the next block, the gains computed per sample as
 * the spec's a-rate parameter would; a static pan uses constant gains.
 */
export class StereoPanner {
  static getDefaults(): StereoPannerOptions {
    return { pan: 0 };
  }

  private panValue: Pan;
  private current: Pan;
  private readonly gains = new Float64Array(2);
  /**
   * The two input channels carry one mono source, spread to both at sqrt(1/2) and then moved
   * between them (a mono track widened for an auto-pan). Each channel is then scaled by sqrt(2)
   * times the mono law's gain of its side: at any pan the level of the unmoved source is the mono
   * law's, and the movement between the channels is kept. @default false
   */
  monoPair = false;

  constructor(options: Partial<StereoPannerOptions> = {}) {
    const o = { ...StereoPanner.getDefaults(), ...options };
    this.panValue = clampParam('pan', o.pan, -1, 1);
    this.current = this.panValue;
  }

  get pan(): Pan {
    return this.panValue;
  }
  set pan(value: Pan) {
    this.panValue = clampParam('pan', value, -1, 1);
  }

  /** Jumps to the target pan without a ramp. */
  settle(): void {
    this.current = this.panValue;
  }

  /** Mono gains [left, right] of the current pan, for meters and tests. */
  get monoGains(): readonly [GainFactor, GainFactor] {
    panGains(this.panValue, false, this.gains);
    return [this.gains[0], this.gains[1]];
  }

  /**
   * `inputs` has 1 channel (mono law) or 2 (stereo law; more are ignored); `outputs` needs 2.
   * Outputs may alias inputs.
   */
  process(inputs: ReadonlyArray<Float32Array>, outputs: ReadonlyArray<Float32Array>, frames: number): void {
    if (inputs.length === 0 || outputs.length < 2) return;
    const stereo = inputs.length > 1;
    if (stereo && this.monoPair) return this.processMonoPair(inputs[0], inputs[1], outputs[0], outputs[1], frames);
    const inL = inputs[0];
    const inR = stereo ? inputs[1] : inputs[0];
    const outL = outputs[0];
    const outR = outputs[1];
    const from = this.current;
    const to = this.panValue;
    const g = this.gains;
    if (from === to) {
      panGains(to, stereo, g);
      const gl = g[0];
      const gr = g[1];
      if (!stereo) {
        for (let i = 0; i < frames; i++) {
          const x = inL[i];
          outL[i] = x * gl;
          outR[i] = x * gr;
        }
      } else if (to <= 0) {
        for (let i = 0; i < frames; i++) {
          const l = inL[i];
          const r = inR[i];
          outL[i] = l + r * gl;
          outR[i] = r * gr;
        }
      } else {
        for (let i = 0; i < frames; i++) {
          const l = inL[i];
          const r = inR[i];
          outL[i] = l * gl;
          outR[i] = r + l * gr;
        }
      }
      return;
    }
    const step = (to - from) / frames;
    for (let i = 0; i < frames; i++) {
      const pan = i === frames - 1 ? to : from + step * (i + 1);
      const x = stereo ? (pan <= 0 ? pan + 1 : pan) : (pan + 1) / 2;
      const gl = Math.cos((x * Math.PI) / 2);
      const gr = Math.sin((x * Math.PI) / 2);
      const l = inL[i];
      const r = inR[i];
      if (!stereo) {
        outL[i] = l * gl;
        outR[i] = l * gr;
      } else if (pan <= 0) {
        outL[i] = l + r * gl;
        outR[i] = r * gr;
      } else {
        outL[i] = l * gl;
        outR[i] = r + l * gr;
      }
    }
    if (frames > 0) this.current = to;
  }

  /** `monoPair`: channel by channel, sqrt(2) x the mono law's gains, ramped as `process` ramps. */
  private processMonoPair(inL: Float32Array, inR: Float32Array, outL: Float32Array, outR: Float32Array, frames: number): void {
    const from = this.current;
    const to = this.panValue;
    const step = (to - from) / frames;
    const g = this.gains;
    for (let i = 0; i < frames; i++) {
      if (i === 0 || from !== to) panGains(from === to || i === frames - 1 ? to : from + step * (i + 1), false, g);
      outL[i] = inL[i] * (Math.SQRT2 * g[0]);
      outR[i] = inR[i] * (Math.SQRT2 * g[1]);
    }
    if (frames > 0) this.current = to;
  }
}
