/**
 * Engine renders against committed golden files (lib/audio/golden/README.md). Regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run lib/audio/golden.test.ts`, then review the property checks below
 * and listen before committing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { db, rms } from '../dsp/test-support/signals';
import { renderMix } from './render-mix';
import { GOLDEN_FRAMES, GOLDEN_RATE, goldenProjects, type GoldenProject } from './test-support/golden-projects';
import { countDifferent, maxAbsDiff, peakAbs, referenceMix } from './test-support/reference-mix';
import { readWav, writeWav } from './wav';

/** Renders on another CPU or JS engine may differ in the last bits of Math.sin/exp/pow. */
const GOLDEN_TOLERANCE = 1e-6;
const DIR = join(__dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

function render(project: GoldenProject) {
  return renderMix({ snapshot: project.snapshot, stems: project.stems, sampleRate: GOLDEN_RATE, durationSec: GOLDEN_FRAMES / GOLDEN_RATE });
}

describe('golden renders', () => {
  const projects = goldenProjects();
  for (const project of projects) {
    it(`${project.name}: the render matches golden/${project.name}.f32.wav within ${GOLDEN_TOLERANCE}`, () => {
      const { left, right } = render(project);
      const path = join(DIR, `${project.name}.f32.wav`);
      if (update || !existsSync(path)) writeFileSync(path, writeWav({ sampleRate: GOLDEN_RATE, channels: [left, right] }, 'f32'));
      const golden = readWav(readFileSync(path));
      expect(golden.sampleRate).toBe(GOLDEN_RATE);
      expect(golden.channels[0].length).toBe(GOLDEN_FRAMES);
      expect(maxAbsDiff(left, golden.channels[0])).toBeLessThanOrEqual(GOLDEN_TOLERANCE);
      expect(maxAbsDiff(right, golden.channels[1])).toBeLessThanOrEqual(GOLDEN_TOLERANCE);
    });
  }

  const golden = (name: string) => readWav(readFileSync(join(DIR, `${name}.f32.wav`))).channels;

  it('fader-pan golden equals the independent Web Audio pan-law sum in every bit, peaks above 1.0 kept', () => {
    const project = projects.find((p) => p.name === 'fader-pan')!;
    const [left, right] = golden('fader-pan');
    const [refL, refR] = referenceMix(project.reference!, GOLDEN_FRAMES);
    expect(countDifferent(left, refL)).toBe(0);
    expect(countDifferent(right, refR)).toBe(0);
    expect(Math.max(peakAbs(left), peakAbs(right))).toBeGreaterThan(2);
  });

  it('processed golden has its properties: a reverb and delay tail after the clips end, a bounded level', () => {
    const [left, right] = golden('processed');
    // Clips end at 7200 frames (pad: 7680); what follows is the reverb and delay return only.
    const body = rms(left, 0, 7200);
    const tail = rms(left, 8400, GOLDEN_FRAMES);
    expect(db(tail / body)).toBeGreaterThan(-40);
    expect(db(tail / body)).toBeLessThan(-6);
    expect(peakAbs(left)).toBeLessThan(2);
    expect(peakAbs(right)).toBeGreaterThan(0.05);
    expect([...left, ...right].every(Number.isFinite)).toBe(true);
  });

  it('automation golden follows its lanes: the fader rises 30 dB, the hiss mutes and returns', () => {
    const [left, right] = golden('automation');
    const early = rms(left, 0, 960) + rms(right, 0, 960);
    const late = rms(left, 10560, GOLDEN_FRAMES) + rms(right, 10560, GOLDEN_FRAMES);
    expect(late / early).toBeGreaterThan(2);
    // Hiss muted from 0.1 s to 0.15 s: the mute lane is read at block starts and fades over 5 ms,
    // so frames 5120..7296 hold exactly the tone alone (the same render without the hiss track).
    const project = projects.find((p) => p.name === 'automation')!;
    const toneOnly = renderMix({
      snapshot: { ...project.snapshot, tracks: project.snapshot.tracks.filter((t) => t.id === 'tone') },
      stems: project.stems,
      sampleRate: GOLDEN_RATE,
      durationSec: GOLDEN_FRAMES / GOLDEN_RATE,
    });
    expect(countDifferent(left.slice(5120, 7296), toneOnly.left.slice(5120, 7296))).toBe(0);
    expect(countDifferent(right.slice(5120, 7296), toneOnly.right.slice(5120, 7296))).toBe(0);
    expect(maxAbsDiff(right.slice(4000, 4700), toneOnly.right.slice(4000, 4700))).toBeGreaterThan(0.05);
    expect(maxAbsDiff(right.slice(7500, 8000), toneOnly.right.slice(7500, 8000))).toBeGreaterThan(0.05);
  });
});
