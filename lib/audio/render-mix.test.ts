import { describe, expect, it } from 'vitest';
import { noise, sine } from '../dsp/test-support/signals';
import { renderMix } from './render-mix';
import { buildMix } from './test-support/mix-fixture';
import { countDifferent, referenceMix } from './test-support/reference-mix';
import { engineFor, RATE, renderEngine } from './test-support/render-engine';

const stems = new Map([
  ['a', [sine(12000, 300, 0.5)]],
  ['b', [noise(6000, 0.3, 5), noise(6000, 0.3, 6)]],
]);
const snapshot = buildMix({
  tracks: [
    { id: 'a', stemId: 'a', gainDb: -2, pan: 0.25 },
    { id: 'b', stemId: 'b', gainDb: 1, pan: -0.5, offsetSec: 0.2 },
  ],
});

describe('renderMix', () => {
  it('renders to the end of the last clip by default, equal to the independent sum', () => {
    const { left, right } = renderMix({ snapshot, stems, sampleRate: RATE });
    // Clip b ends at 0.2 s + 6000 frames = 15600 frames, after clip a's 12000.
    expect(left.length).toBe(15600);
    const [refL, refR] = referenceMix(
      [
        { stem: stems.get('a')!, gainDb: -2, pan: 0.25, offsetFrames: 0 },
        { stem: stems.get('b')!, gainDb: 1, pan: -0.5, offsetFrames: 9600 },
      ],
      15600,
    );
    expect(countDifferent(left, refL)).toBe(0);
    expect(countDifferent(right, refR)).toBe(0);
  });

  it('uses meta.lengthSec when it is longer than the clips', () => {
    const long = buildMix({ lengthSec: 1, tracks: [{ id: 'a', stemId: 'a', gainDb: 0, pan: 0 }] });
    expect(renderMix({ snapshot: long, stems, sampleRate: RATE }).left.length).toBe(RATE);
  });

  it('renders a window from startSec for durationSec, equal to the engine from that frame', () => {
    const { left } = renderMix({ snapshot, stems, sampleRate: RATE, startSec: 0.1, durationSec: 0.05 });
    expect(left.length).toBe(2400);
    const [engineLeft] = renderEngine(engineFor(snapshot, Object.fromEntries(stems)), 2400, 4800);
    expect(countDifferent(left, engineLeft)).toBe(0);
  });

  it('reports progress rising to 1', () => {
    const seen: number[] = [];
    renderMix({ snapshot, stems, sampleRate: RATE, durationSec: 3, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((p, k) => p > 0 && p <= 1 && (k === 0 || p > seen[k - 1]))).toBe(true);
  });
});
