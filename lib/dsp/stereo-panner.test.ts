import { describe, expect, it } from 'vitest';
import { panGains, StereoPanner } from './stereo-panner';
import { runBlocks } from './test-support/signals';

/**
 * The Web Audio API StereoPannerNode algorithm, written out again from the specification
 * (https://webaudio.github.io/web-audio-api/#stereopanner-algorithm) for one sample.
 */
function specPan(pan: number, input: number[]): [number, number] {
  const p = Math.min(1, Math.max(-1, pan));
  if (input.length === 1) {
    const x = (p + 1) / 2;
    return [input[0] * Math.cos((x * Math.PI) / 2), input[0] * Math.sin((x * Math.PI) / 2)];
  }
  const x = p <= 0 ? p + 1 : p;
  const gainL = Math.cos((x * Math.PI) / 2);
  const gainR = Math.sin((x * Math.PI) / 2);
  const [inputL, inputR] = input;
  return p <= 0 ? [inputL + inputR * gainL, inputR * gainR] : [inputL * gainL, inputR + inputL * gainR];
}

const POSITIONS = [-1, -0.5, 0, 0.5, 1];

describe('StereoPanner', () => {
  for (const pan of POSITIONS) {
    it(`pans a mono source at ${pan} as the Web Audio spec does (within float32 rounding, 1e-7)`, () => {
      const panner = new StereoPanner({ pan });
      const input = new Float32Array(256).fill(0.8);
      const [l, r] = runBlocks([input], 128, (i, o, n) => panner.process(i, o, n), 2);
      const [el, er] = specPan(pan, [0.8]);
      expect(Math.abs(l[255] - el)).toBeLessThan(1e-7);
      expect(Math.abs(r[255] - er)).toBeLessThan(1e-7);
    });

    it(`pans a stereo source at ${pan} as the Web Audio spec does (within float32 rounding, 1e-7)`, () => {
      const panner = new StereoPanner({ pan });
      const left = new Float32Array(256).fill(0.3);
      const right = new Float32Array(256).fill(-0.7);
      const [l, r] = runBlocks([left, right], 128, (i, o, n) => panner.process(i, o, n), 2);
      const [el, er] = specPan(pan, [Math.fround(0.3), Math.fround(-0.7)]);
      expect(Math.abs(l[255] - el)).toBeLessThan(1e-7);
      expect(Math.abs(r[255] - er)).toBeLessThan(1e-7);
    });
  }

  it('has the known gains: mono -3.01 dB each side at centre, cos/sin(pi/8) at -0.5; stereo unity at centre', () => {
    const g = new Float64Array(2);
    panGains(0, false, g);
    expect(20 * Math.log10(g[0])).toBeCloseTo(-3.0103, 4);
    expect(g[1]).toBeCloseTo(Math.SQRT1_2, 15);
    panGains(-0.5, false, g);
    expect(g[0]).toBeCloseTo(0.9238795325, 10);
    expect(g[1]).toBeCloseTo(0.3826834324, 10);
    panGains(0, true, g);
    expect(g[0]).toBeLessThan(1e-16);
    expect(g[1]).toBe(1);
    panGains(1, false, g);
    expect(g[1]).toBe(1);
  });

  it('ramps a pan change across one block, per sample as the spec a-rate parameter would, ending on the target', () => {
    const panner = new StereoPanner({ pan: -1 });
    const input = new Float32Array(128).fill(1);
    const outL = new Float32Array(128);
    const outR = new Float32Array(128);
    panner.process([input], [outL, outR], 128);
    panner.pan = 1;
    panner.process([input], [outL, outR], 128);
    for (let i = 0; i < 128; i++) {
      const [el, er] = specPan(-1 + (2 * (i + 1)) / 128, [1]);
      expect(outL[i]).toBeCloseTo(el, 6);
      expect(outR[i]).toBeCloseTo(er, 6);
    }
    expect(outR[127]).toBe(1);
  });

  it('processes in place', () => {
    const panner = new StereoPanner({ pan: 0.5 });
    const l = new Float32Array([0.5, 0.25]);
    const r = new Float32Array([0.1, -0.2]);
    panner.process([l, r], [l, r], 2);
    const [el, er] = specPan(0.5, [0.5, Math.fround(0.1)]);
    expect(l[0]).toBeCloseTo(el, 7);
    expect(r[0]).toBeCloseTo(er, 7);
  });
});
