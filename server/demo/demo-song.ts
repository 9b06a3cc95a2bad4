/**
 * The demo song: six stems synthesised here, deterministically (the same bytes on every machine),
 * so a newcomer's first screen is a song ready to mix. A minor, 96 BPM, 32 bars of 4/4 (80 s),
 * i-VI-III-VII (Am F C G). Each stem is rendered on its own, in blocks, so memory stays small.
 */
export const DEMO_BPM = 96;
/** The demo's one effect bus: a plate-like reverb the melodic stems send to. */
export const DEMO_REVERB = { id: 'reverb', name: 'Reverb', kind: 'reverb' } as const;
export const DEMO_BARS = 32;
export const DEMO_SAMPLE_RATE = 48_000;
const BEAT_SEC = 60 / DEMO_BPM;
const BAR_SEC = 4 * BEAT_SEC;
export const DEMO_LENGTH_SEC = DEMO_BARS * BAR_SEC;

/** Chord roots as MIDI notes (A2, F2, C3, G2) and their triads (minor for Am, major otherwise). */
const PROGRESSION = [
  { root: 45, third: 3 },
  { root: 41, third: 4 },
  { root: 48, third: 4 },
  { root: 43, third: 4 },
];
/** A minor pentatonic, for the lead and the voice. */
const PENTATONIC = [57, 60, 62, 64, 67, 69, 72];

const midiHz = (n: number) => 440 * 2 ** ((n - 69) / 12);
const chordAt = (t: number) => PROGRESSION[Math.floor(t / BAR_SEC) % PROGRESSION.length];

/** xorshift32: deterministic noise. */
function noise(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s / 0xffffffff) * 2 - 1;
  };
}

/** A two-pole resonator (band-pass) in state form, for formants and hats. */
class Resonator {
  private y1 = 0;
  private y2 = 0;
  private a1 = 0;
  private a2 = 0;
  private gain = 0;
  set(freq: number, bandwidth: number, sampleRate: number): void {
    const r = Math.exp((-Math.PI * bandwidth) / sampleRate);
    this.a1 = 2 * r * Math.cos((2 * Math.PI * freq) / sampleRate);
    this.a2 = -r * r;
    this.gain = 1 - r;
  }
  tick(x: number): number {
    const y = this.gain * x + this.a1 * this.y1 + this.a2 * this.y2;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}

export interface DemoStem {
  /** Track name, also the file name (`<name>.wav`). */
  name: string;
  color: string;
  channels: 1 | 2;
  /** The starting mix: fader in dB and pan, a rough balance with headroom on the master. */
  faderDb: number;
  pan: number;
  /** Send level to the demo reverb in dB, or null for none. */
  reverbDb: number | null;
  /** Fills `out` (one array per channel) with the samples starting at frame `start`. */
  render(start: number, out: Float32Array[]): void;
}

function env(t: number, attack: number, decay: number): number {
  return t < 0 ? 0 : t < attack ? t / attack : Math.exp(-(t - attack) / decay);
}

function drums(sr: number): DemoStem {
  const rnd = noise(7);
  const hatRes = new Resonator();
  hatRes.set(8000, 3000, sr);
  return {
    name: 'Drums',
    color: '#e5484d',
    faderDb: -5,
    pan: 0,
    reverbDb: null,
    channels: 2,
    render(start, [l, r]) {
      for (let i = 0; i < l.length; i++) {
        const t = (start + i) / sr;
        const beat = t / BEAT_SEC;
        const inBeat = (beat % 1) * BEAT_SEC;
        const beatNo = Math.floor(beat) % 4;
        const n = rnd();
        let kick = 0;
        if (beatNo === 0 || beatNo === 2) {
          const f = 45 + 75 * Math.exp(-inBeat / 0.03);
          kick = Math.sin(2 * Math.PI * f * inBeat) * env(inBeat, 0.002, 0.18) * 0.9;
        }
        const snare = beatNo === 1 || beatNo === 3 ? (n * 0.6 + Math.sin(2 * Math.PI * 185 * inBeat) * 0.4) * env(inBeat, 0.001, 0.09) * 0.55 : 0;
        const eighth = ((t / (BEAT_SEC / 2)) % 1) * (BEAT_SEC / 2);
        const hat = hatRes.tick(n) * env(eighth, 0.001, 0.03) * 1.2;
        l[i] = (kick + snare + hat * 0.7) * 0.6;
        r[i] = (kick + snare + hat) * 0.6;
      }
    },
  };
}

function bass(sr: number): DemoStem {
  let phase = 0;
  let lp = 0;
  return {
    name: 'Bass',
    color: '#f5a524',
    faderDb: -6,
    pan: 0,
    reverbDb: null,
    channels: 1,
    render(start, [m]) {
      for (let i = 0; i < m.length; i++) {
        const t = (start + i) / sr;
        const step = (t / (BEAT_SEC / 2)) % 1;
        const note = chordAt(t).root - 12 + (Math.floor(t / (BEAT_SEC / 2)) % 8 === 7 ? 7 : 0);
        phase = (phase + midiHz(note) / sr) % 1;
        const saw = 2 * phase - 1;
        lp += 0.08 * (saw - lp);
        m[i] = lp * env(step * (BEAT_SEC / 2), 0.004, 0.25) * 0.7;
      }
    },
  };
}

function keys(sr: number): DemoStem {
  const phases = new Float64Array(3);
  return {
    name: 'Keys',
    color: '#52a9ff',
    faderDb: -8,
    pan: -0.25,
    reverbDb: -16,
    channels: 2,
    render(start, [l, r]) {
      for (let i = 0; i < l.length; i++) {
        const t = (start + i) / sr;
        const chord = chordAt(t);
        const notes = [chord.root + 12, chord.root + 12 + chord.third, chord.root + 19];
        // Stabs on the off-beats.
        const offbeat = ((t / BEAT_SEC + 0.5) % 1) * BEAT_SEC;
        let s = 0;
        for (let k = 0; k < 3; k++) {
          phases[k] = (phases[k] + midiHz(notes[k]) / sr) % 1;
          s += Math.sin(2 * Math.PI * phases[k]) + 0.3 * Math.sin(4 * Math.PI * phases[k]);
        }
        const v = s * env(offbeat, 0.003, 0.2) * 0.18;
        l[i] = v * 0.8;
        r[i] = v * 0.55;
      }
    },
  };
}

function pad(sr: number): DemoStem {
  const phL = new Float64Array(3);
  const phR = new Float64Array(3);
  let lpL = 0;
  let lpR = 0;
  return {
    name: 'Pad',
    color: '#b58cff',
    faderDb: -9,
    pan: 0,
    reverbDb: -12,
    channels: 2,
    render(start, [l, r]) {
      for (let i = 0; i < l.length; i++) {
        const t = (start + i) / sr;
        const chord = chordAt(t);
        const notes = [chord.root, chord.root + chord.third, chord.root + 7];
        let sl = 0;
        let sr2 = 0;
        for (let k = 0; k < 3; k++) {
          const f = midiHz(notes[k] + 12);
          phL[k] = (phL[k] + (f * 1.003) / sr) % 1;
          phR[k] = (phR[k] + (f * 0.997) / sr) % 1;
          sl += 2 * phL[k] - 1;
          sr2 += 2 * phR[k] - 1;
        }
        lpL += 0.03 * (sl - lpL);
        lpR += 0.03 * (sr2 - lpR);
        const swell = 0.5 + 0.5 * Math.sin((2 * Math.PI * t) / BAR_SEC - Math.PI / 2);
        const fadeIn = Math.min(1, t / 4);
        l[i] = lpL * 0.09 * (0.6 + 0.4 * swell) * fadeIn;
        r[i] = lpR * 0.09 * (0.6 + 0.4 * swell) * fadeIn;
      }
    },
  };
}

/** A fixed melody: one pentatonic degree per eighth note, repeating every two bars. */
const MELODY = [4, 5, 4, 2, 3, 2, 0, 1, 2, 4, 5, 6, 5, 4, 2, 1];

function lead(sr: number): DemoStem {
  let phase = 0;
  return {
    name: 'Lead',
    color: '#4cc38a',
    faderDb: -7,
    pan: 0.3,
    reverbDb: -14,
    channels: 1,
    render(start, [m]) {
      for (let i = 0; i < m.length; i++) {
        const t = (start + i) / sr;
        if (t < 8 * BAR_SEC) {
          m[i] = 0;
          continue;
        }
        const eighth = Math.floor(t / (BEAT_SEC / 2));
        const inNote = (t % (BEAT_SEC / 2)) / (BEAT_SEC / 2);
        const f = midiHz(PENTATONIC[MELODY[eighth % MELODY.length]] + 12) * (1 + 0.004 * Math.sin(2 * Math.PI * 5.5 * t));
        phase = (phase + f / sr) % 1;
        const square = phase < 0.5 ? 1 : -1;
        m[i] = square * env(inNote * (BEAT_SEC / 2), 0.01, 0.22) * 0.16;
      }
    },
  };
}

/** Vowel formants (Hz): "ah", "oh", "ee". */
const VOWELS = [
  [800, 1150, 2900],
  [450, 800, 2830],
  [270, 2140, 2950],
];

function voice(sr: number): DemoStem {
  let phase = 0;
  const formants = [new Resonator(), new Resonator(), new Resonator()];
  const rnd = noise(99);
  return {
    name: 'Voice',
    color: '#e93d82',
    faderDb: -4,
    pan: 0,
    reverbDb: -10,
    channels: 1,
    render(start, [m]) {
      for (let i = 0; i < m.length; i++) {
        const t = (start + i) / sr;
        if (t < 16 * BAR_SEC) {
          m[i] = 0;
          continue;
        }
        // Phrases of half a bar, one note and one vowel each, a breath between them.
        const phrase = Math.floor(t / (BAR_SEC / 2));
        const inPhrase = (t % (BAR_SEC / 2)) / (BAR_SEC / 2);
        const vowel = VOWELS[phrase % VOWELS.length];
        if (i === 0 || (start + i) % 256 === 0) vowel.forEach((f, k) => formants[k].set(f, 80 + 40 * k, sr));
        const note = PENTATONIC[(phrase * 3) % PENTATONIC.length];
        const f0 = midiHz(note) * (1 + 0.01 * Math.sin(2 * Math.PI * 5 * t));
        phase = (phase + f0 / sr) % 1;
        const glottal = (2 * phase - 1) * 0.9 + rnd() * 0.05;
        const s = formants[0].tick(glottal) + 0.6 * formants[1].tick(glottal) + 0.3 * formants[2].tick(glottal);
        const shape = inPhrase < 0.85 ? Math.min(1, inPhrase / 0.05) : Math.max(0, (1 - inPhrase) / 0.15);
        m[i] = s * shape * 0.06;
      }
    },
  };
}

export function demoStems(sampleRate = DEMO_SAMPLE_RATE): DemoStem[] {
  return [drums(sampleRate), bass(sampleRate), keys(sampleRate), pad(sampleRate), lead(sampleRate), voice(sampleRate)];
}
