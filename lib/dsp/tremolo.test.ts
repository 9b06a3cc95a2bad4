import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoPan } from './auto-pan';
import { runBlocks, SAMPLE_RATE, sine } from './test-support/signals';
import { assertAvailable, externalTool, run, temporaryFolder } from './test-support/tools';
import { readFloatWav, writeFloatWav } from './test-support/wav';
import { Tremolo } from './tremolo';

const sox = externalTool('sox');
const constant = (frames: number, v = 0.5) => new Float32Array(frames).fill(v);

describe('Tremolo', () => {
  it('dips the gain to 1 - depth and back, at the LFO rate', () => {
    const tremolo = new Tremolo({ depth: 0.6, rate: { hz: 4 }, channels: 1, sampleRate: SAMPLE_RATE });
    const [y] = runBlocks([constant(SAMPLE_RATE)], 128, (i, o, n) => tremolo.process(i, o, n));
    const gains = Array.from(y, (v) => v / 0.5);
    expect(Math.min(...gains.slice(0, 12000))).toBeCloseTo(0.4, 4);
    expect(Math.max(...gains.slice(0, 12000))).toBeCloseTo(1, 4);
    // One cycle later the gain repeats: 4 Hz is 12,000 samples.
    for (const n of [100, 2999, 7000]) expect(gains[n + 12000]).toBeCloseTo(gains[n], 5);
  });

  it('alternates its channels with a half-cycle offset, keeping the level of the sum between them', () => {
    const tremolo = new Tremolo({ depth: 1, rate: { hz: 2 }, stereoPhase: 0.5, channels: 2, sampleRate: SAMPLE_RATE });
    const [l, r] = runBlocks([constant(24000), constant(24000)], 64, (i, o, n) => tremolo.process(i, o, n));
    for (const n of [0, 3000, 6000, 9000]) expect(l[n] + r[n]).toBeCloseTo(0.5, 5);
  });
});

describe('AutoPan', () => {
  it('moves a mono source between the channels at constant power, as far as its depth', () => {
    const pan = new AutoPan({ depth: 1, rate: { hz: 1 }, sampleRate: SAMPLE_RATE });
    const x = constant(SAMPLE_RATE, 0.5);
    const [l, r] = runBlocks([x], 128, (i, o, n) => pan.process(i, o, n), 2);
    for (let n = 0; n < SAMPLE_RATE; n += 997) expect(l[n] ** 2 + r[n] ** 2).toBeCloseTo(0.25, 6);
    expect(r[12000]).toBeCloseTo(0.5, 5);
    expect(l[12000]).toBeCloseTo(0, 5);
    expect(l[36000]).toBeCloseTo(0.5, 5);
    const half = new AutoPan({ depth: 0.5, rate: { hz: 1 }, sampleRate: SAMPLE_RATE });
    const [, r2] = runBlocks([x], 128, (i, o, n) => half.process(i, o, n), 2);
    expect(r2[12000]).toBeCloseTo(0.5 * Math.sin((1.5 * Math.PI) / 4), 5);
  });
});

describe.skipIf(!sox.mustRun)(`Tremolo against SoX (${sox.path})`, () => {
  let folder: ReturnType<typeof temporaryFolder>;
  beforeAll(() => {
    assertAvailable(sox);
    folder = temporaryFolder('mixroom-dsp-tremolo-');
  });
  afterAll(() => folder?.remove());

  it('matches sox tremolo 4 60 on a tone within -80 dB, a quarter cycle apart (sox starts at the top)', () => {
    const x = sine(2 * SAMPLE_RATE, 440, 0.5);
    writeFloatWav(path.join(folder.path, 'in.wav'), [x], SAMPLE_RATE);
    run(sox, ['-D', '-V1', path.join(folder.path, 'in.wav'), '-e', 'floating-point', '-b', '32', path.join(folder.path, 'out.wav'), 'tremolo', '4', '60']);
    const soxOut = readFloatWav(path.join(folder.path, 'out.wav')).channels[0];
    const tremolo = new Tremolo({ depth: 0.6, rate: { hz: 4 }, channels: 1, sampleRate: SAMPLE_RATE });
    const [ours] = runBlocks([x], 128, (i, o, n) => tremolo.process(i, o, n));
    // sox(t) = ours(t + T/4) as gains: compare the gains where the tone is not near zero.
    let worst = 0;
    for (let n = 0; n + 3000 < x.length; n++) {
      if (Math.abs(x[n]) < 0.1 || Math.abs(x[n + 3000]) < 0.1) continue;
      worst = Math.max(worst, Math.abs(soxOut[n] / x[n] - ours[n + 3000] / x[n + 3000]));
    }
    expect(20 * Math.log10(worst)).toBeLessThan(-80);
  });
});
