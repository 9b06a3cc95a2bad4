import { describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../dsp';
import { MixEngine } from './mix-engine';
import { renderMaster } from './render-master';
import { renderMix } from './render-mix';
import { goldenProjects, GOLDEN_FRAMES, GOLDEN_RATE } from './test-support/golden-projects';
import { FULL_CHAIN, MASTER_RATE, masteredProject, PROGRAMMES } from './test-support/master-projects';
import { countDifferent } from './test-support/reference-mix';
import { renderEngine } from './test-support/render-engine';

function loudness(left: Float32Array, right: Float32Array, sampleRate = MASTER_RATE): { integrated: number; truePeak: number } {
  const meter = new LoudnessMeter({ sampleRate });
  meter.process([left, right], left.length);
  return { integrated: meter.integrated, truePeak: meter.truePeak };
}

describe('renderMaster and the master section', () => {
  it('L14: at the defaults the master section changes no bit of any golden project', () => {
    for (const project of goldenProjects()) {
      const options = { snapshot: project.snapshot, stems: project.stems, sampleRate: GOLDEN_RATE, durationSec: GOLDEN_FRAMES / GOLDEN_RATE };
      const off = renderMix({ ...options, master: 'off' });
      const full = renderMaster(options);
      expect(countDifferent(full.left, off.left)).toBe(0);
      expect(countDifferent(full.right, off.right)).toBe(0);
      expect(full.passes).toBe(0);
    }
  });

  const presets = ['spotify', 'apple_music', 'amazon', 'ebu_r128', 'atsc_a85'] as const;
  const figures = { spotify: [-14, -1], apple_music: [-16, -1], amazon: [-14, -2], ebu_r128: [-23, -1], atsc_a85: [-24, -2] } as const;
  for (const [name, make] of Object.entries(PROGRAMMES)) {
    it(`L16: normalises the ${name} programme to each of ${presets.join(', ')} within 0.5 LU under the preset's ceiling`, () => {
      const programme = make(12);
      const before = loudness(programme[0], programme[1]).integrated;
      for (const preset of presets) {
        const { snapshot, stems } = masteredProject(programme, { target: preset });
        const result = renderMaster({ snapshot, stems, sampleRate: MASTER_RATE });
        const [lufs, ceiling] = figures[preset];
        const measured = loudness(result.left, result.right);
        expect({ preset, lufs: Math.abs(measured.integrated - lufs) < 0.5 }).toEqual({ preset, lufs: true });
        expect(measured.truePeak).toBeLessThanOrEqual(ceiling);
        expect(result.integratedLufs).toBeCloseTo(measured.integrated, 6);
        expect(result.preLufs).toBeCloseTo(before, 1);
      }
    });
  }

  it('plays back the same samples in the engine, given the render\'s normalisation gain, as renderMaster renders (every stage on)', () => {
    for (const eqMode of ['minimum_phase', 'linear_phase']) {
      const { snapshot, stems } = masteredProject(PROGRAMMES.dense(4), { ...FULL_CHAIN, eqMode });
      const rendered = renderMaster({ snapshot, stems, sampleRate: MASTER_RATE });
      expect(rendered.passes).toBeGreaterThan(0);
      const engine = new MixEngine({ sampleRate: MASTER_RATE });
      for (const [id, pcm] of stems) engine.setStem(id, pcm);
      engine.setMix(snapshot);
      engine.setNormalizationGainDb(rendered.normalizationGainDb);
      const [left, right] = renderEngine(engine, rendered.left.length);
      expect({ eqMode, differing: countDifferent(left, rendered.left) + countDifferent(right, rendered.right) }).toEqual({ eqMode, differing: 0 });
      expect(Math.abs(rendered.integratedLufs + 14)).toBeLessThan(0.5);
    }
  });

  it('compensates the latency of the linear-phase EQ and the limiter: a click comes out where it went in', () => {
    const click = new Float32Array(MASTER_RATE);
    click[20000] = 0.5;
    for (const eqMode of ['minimum_phase', 'linear_phase']) {
      const { snapshot, stems } = masteredProject([click, click.slice()], { eqMode, 'eq.peak1.on': true, 'eq.peak1.gainDb': 3, 'limiter.on': true });
      const engine = new MixEngine({ sampleRate: MASTER_RATE });
      for (const [id, pcm] of stems) engine.setStem(id, pcm);
      engine.setMix(snapshot);
      expect(engine.latencyFrames % 128).toBe(0);
      const [left] = renderEngine(engine, MASTER_RATE);
      let peakAt = 0;
      for (let n = 0; n < left.length; n++) if (Math.abs(left[n]) > Math.abs(left[peakAt])) peakAt = n;
      expect({ eqMode, peakAt }).toEqual({ eqMode, peakAt: 20000 });
    }
  });

  it('gives the linear-phase EQ the magnitude of the biquad EQ (within 0.5 dB from 200 Hz to 16 kHz) and a symmetric impulse response', () => {
    const impulse = new Float32Array(MASTER_RATE / 2);
    impulse[10000] = 1;
    const settings = { 'eq.lowShelf.on': true, 'eq.lowShelf.gainDb': 4, 'eq.peak1.on': true, 'eq.peak1.freqHz': 1000, 'eq.peak1.gainDb': -6, 'eq.highShelf.on': true, 'eq.highShelf.gainDb': 3 };
    const response = (eqMode: string) => {
      const { snapshot, stems } = masteredProject([impulse, impulse.slice()], { ...settings, eqMode });
      return renderMix({ snapshot, stems, sampleRate: MASTER_RATE, master: 'full' }).left;
    };
    const iir = response('minimum_phase');
    const fir = response('linear_phase');
    for (let k = 1; k < 4000; k++) expect(Math.abs(fir[10000 + k] - fir[10000 - k])).toBeLessThan(1e-6);
    const magnitudeDb = (x: Float32Array, hz: number) => {
      let re = 0;
      let im = 0;
      for (let n = 0; n < x.length; n++) {
        re += x[n] * Math.cos((2 * Math.PI * hz * n) / MASTER_RATE);
        im += x[n] * Math.sin((2 * Math.PI * hz * n) / MASTER_RATE);
      }
      return 10 * Math.log10(re * re + im * im);
    };
    for (const hz of [200, 500, 1000, 3000, 8000, 16000]) expect(Math.abs(magnitudeDb(fir, hz) - magnitudeDb(iir, hz))).toBeLessThan(0.5);
    expect(magnitudeDb(fir, 1000)).toBeLessThan(-4);
  });

  it('removes the side signal below the mono-bass frequency and keeps it above', () => {
    const frames = MASTER_RATE;
    const low = sineAt(50, frames);
    const high = sineAt(2000, frames);
    const left = new Float32Array(frames);
    const right = new Float32Array(frames);
    for (let n = 0; n < frames; n++) {
      left[n] = low[n] + high[n];
      right[n] = -low[n] - high[n];
    }
    const { snapshot, stems } = masteredProject([left, right], { 'monoBass.on': true, 'monoBass.freqHz': 150 });
    const out = renderMix({ snapshot, stems, sampleRate: MASTER_RATE, master: 'full' });
    const side = (hz: number) => {
      let re = 0;
      for (let n = frames / 2; n < frames; n++) re += ((out.left[n] - out.right[n]) / 2) * Math.sin((2 * Math.PI * hz * n) / MASTER_RATE);
      return Math.abs((2 * re) / (frames / 2));
    };
    expect(side(50)).toBeLessThan(0.01);
    expect(side(2000)).toBeGreaterThan(0.3);
  });

  it('lets bass through the glue compressor untouched when its sidechain high-pass is on', () => {
    const bass = sineAt(40, MASTER_RATE, 0.8);
    const gainReduction = (sidechainHpOn: boolean) => {
      const { snapshot, stems } = masteredProject([bass, bass.slice()], { 'comp.on': true, 'comp.thresholdDb': -20, 'comp.ratio': 4, 'comp.sidechainHpOn': sidechainHpOn, 'comp.sidechainHpHz': 200 });
      const out = renderMix({ snapshot, stems, sampleRate: MASTER_RATE, master: 'full' }).left;
      let peak = 0;
      for (let n = MASTER_RATE / 2; n < MASTER_RATE; n++) peak = Math.max(peak, Math.abs(out[n]));
      return 20 * Math.log10(peak / 0.8);
    };
    expect(gainReduction(false)).toBeLessThan(-6);
    expect(gainReduction(true)).toBeGreaterThan(-1.5);
  });

  it('L15: fades in from silence at 0 s and out to silence at the end of the mix, with the chosen curve', () => {
    const tone = new Float32Array(2 * MASTER_RATE).fill(0.5);
    const { snapshot, stems } = masteredProject([tone, tone.slice()], { 'fadeIn.durationSec': 0.5, 'fadeIn.curve': 'linear', 'fadeOut.durationSec': 1, 'fadeOut.curve': 's_curve' });
    const out = renderMaster({ snapshot, stems, sampleRate: MASTER_RATE }).left;
    expect(out[0]).toBe(0);
    expect(out[MASTER_RATE / 4]).toBeCloseTo(0.25, 6);
    expect(out[MASTER_RATE / 2 + 10]).toBe(0.5);
    expect(out[MASTER_RATE + MASTER_RATE / 2]).toBeCloseTo(0.25, 6);
    expect(Math.abs(out[2 * MASTER_RATE - 1])).toBeLessThan(1e-6);
  });

  it('renders a CD master at 44.1 kHz with no normalisation and a -0.1 dBTP ceiling', () => {
    const programme = PROGRAMMES.dense(6);
    for (const channel of programme) for (let n = 0; n < channel.length; n++) channel[n] *= 4;
    expect(loudness(programme[0], programme[1]).truePeak).toBeGreaterThan(3);
    const { snapshot, stems } = masteredProject(programme, { target: 'cd' });
    const result = renderMaster({ snapshot, stems, sampleRate: MASTER_RATE });
    expect(result.sampleRate).toBe(44100);
    expect(result.left.length).toBe(6 * 44100);
    expect(result.normalizationGainDb).toBe(0);
    const measured = loudness(result.left, result.right, 44100);
    expect(measured.truePeak).toBeLessThanOrEqual(-0.1);
    expect(measured.truePeak).toBeGreaterThan(-1);
  });
});

function sineAt(hz: number, frames: number, amplitude = 0.4): Float32Array {
  const out = new Float32Array(frames);
  for (let n = 0; n < frames; n++) out[n] = amplitude * Math.sin((2 * Math.PI * hz * n) / MASTER_RATE);
  return out;
}
