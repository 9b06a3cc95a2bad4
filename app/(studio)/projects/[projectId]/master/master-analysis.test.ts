import { describe, expect, it } from 'vitest';
import { platformTable } from './master-analysis';
import { referenceGainDb } from './references-model';

describe('platformTable', () => {
  it('says what each platform does to a master of -9 LUFS and -0.5 dBTP: turned down, the ceiling broken where it is -1 dBTP, not on CD', () => {
    const rows = Object.fromEntries(platformTable({ integratedLufs: -9, truePeakDbtp: -0.5 }).map((r) => [r.target, r]));
    expect(rows.spotify.playbackGainDb).toBeCloseTo(-5, 6);
    expect(rows.spotify.ceilingHeld).toBe(false);
    expect(rows.apple_music.playbackGainDb).toBeCloseTo(-7, 6);
    expect(rows.cd.playbackGainDb).toBe(0);
    expect(rows.cd.ceilingHeld).toBe(true); // -0.1 dBTP
    expect(rows.soundcloud.playbackGainDb).toBe(0);
  });

  it('a quiet master: up-and-down platforms turn it up only as far as their peak limit, down-only ones leave it', () => {
    const rows = Object.fromEntries(platformTable({ integratedLufs: -20, truePeakDbtp: -4 }).map((r) => [r.target, r]));
    expect(rows.spotify.playbackGainDb).toBeCloseTo(3, 6);
    expect(rows.youtube.playbackGainDb).toBe(0);
    expect(rows.spotify.ceilingHeld).toBe(true);
  });
});

describe('referenceGainDb', () => {
  it('plays a reference at the master loudness, within -30..+12 dB, and as it is without measurements', () => {
    expect(referenceGainDb(-8, -14)).toBe(-6);
    expect(referenceGainDb(-60, -14)).toBe(12);
    expect(referenceGainDb(null, -14)).toBe(0);
    expect(referenceGainDb(-8, null)).toBe(0);
  });
});
