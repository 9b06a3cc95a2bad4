import { describe, expect, it } from 'vitest';
import { ProgramAnalyzer } from './program-analyzer';
import { noise, sine } from './test-support/signals';

function analyze(channels: Float32Array[], options: ConstructorParameters<typeof ProgramAnalyzer>[0] = {}, block = 1000) {
  const analyzer = new ProgramAnalyzer({ channels: channels.length, ...options });
  for (let at = 0; at < channels[0].length; at += block) {
    const n = Math.min(block, channels[0].length - at);
    analyzer.process(channels.map((c) => c.subarray(at, at + n)), n);
  }
  return analyzer.result();
}

describe('ProgramAnalyzer', () => {
  it('finds overs (3 or more consecutive full-scale samples) with their times, and counts every clipped sample', () => {
    const x = sine(48000, 100, 0.5);
    const y = x.slice();
    for (let n = 24000; n < 24005; n++) x[n] = 1; // an over at 0.5 s
    y[36000] = -1; // a single clipped sample: no over
    y[43200] = 1; y[43201] = 1; y[43202] = 1; // an over at 0.9 s
    const m = analyze([x, y]);
    expect(m.clippedSamples).toBe(9);
    expect(m.overCount).toBe(2);
    expect(m.overs).toEqual([{ atSec: 0.5, channel: 0, samples: 5 }, { atSec: 0.9, channel: 1, samples: 3 }]);
  });

  it('reads phase correlation 1 and no mono loss for mono, about 0 and 3 LU for independent noise, -1 and total loss for inverted sides', () => {
    const a = noise(96000, 0.3, 1);
    const b = noise(96000, 0.3, 2);
    const mono = analyze([a, a.slice()]);
    expect(mono.phaseCorrelation).toBeCloseTo(1, 6);
    expect(mono.monoSumLossLu).toBeCloseTo(0, 3);
    const wide = analyze([a, b]);
    expect(Math.abs(wide.phaseCorrelation!)).toBeLessThan(0.02);
    expect(wide.monoSumLossLu).toBeGreaterThan(2.8);
    expect(wide.monoSumLossLu).toBeLessThan(3.2);
    const inverted = analyze([a, a.map((v) => -v)]);
    expect(inverted.phaseCorrelation).toBeCloseTo(-1, 6);
    expect(inverted.monoSumLossLu).toBe(Infinity);
  });

  it('measures silence at the head and tail, the DC offset per channel, and the short-term series every 100 ms', () => {
    const x = new Float32Array(5 * 48000);
    const tone = sine(3 * 48000, 1000, 0.3);
    x.set(tone, 48000);
    const y = x.map((v) => v + 0.0005); // DC under the -60 dBFS silence threshold
    const m = analyze([x, y], { series: true }, 777);
    expect(m.headSilenceSec).toBeCloseTo(1, 3);
    expect(m.tailSilenceSec).toBeCloseTo(1, 3);
    expect(m.dcOffset[0]).toBeCloseTo(0, 6);
    expect(m.dcOffset[1]).toBeCloseTo(0.0005, 7);
    expect(m.shortTermSeries).toHaveLength(50);
    expect(m.shortTermSeries![5]).toBeLessThan(-100);
    expect(m.shortTermSeries![39]).toBeCloseTo(m.shortTermMaxLufs, 6);
    expect(m.durationSec).toBe(5);
  });
});
