import { describe, expect, it } from 'vitest';
import { GAIN_FLOOR_DB, GAIN_MAX_DB } from '../../../../../lib/doc';
import { dbToPosition } from '../controls/fader-scale';
import { LANE_PAD_PX, LANE_SCALES, positionToY, yToPosition } from './lane-scale';

describe('automation lane scales', () => {
  it('puts fader values where the fader has them', () => {
    const fader = LANE_SCALES.gainDb;
    for (const db of [GAIN_FLOOR_DB, -60, -20, -4.5, 0, 6, GAIN_MAX_DB]) expect(fader.toPosition(db)).toBe(dbToPosition(db));
    expect(fader.fromPosition(fader.toPosition(-4.5))).toBeCloseTo(-4.5, 9);
    expect(fader.format(-4.5)).toBe('-4.5 dB');
  });

  it('spreads pan linearly, left at the bottom, rounded to a percent', () => {
    const pan = LANE_SCALES.pan;
    expect(pan.toPosition(-1)).toBe(0);
    expect(pan.toPosition(0)).toBe(0.5);
    expect(pan.toPosition(1)).toBe(1);
    expect(pan.fromPosition(0.8333)).toBe(0.67);
    expect(pan.fromPosition(2)).toBe(1);
    expect(pan.format(-0.3)).toBe('L30');
  });

  it('maps positions onto the lane height inside its padding, and back', () => {
    expect(positionToY(1, 48)).toBe(LANE_PAD_PX);
    expect(positionToY(0, 48)).toBe(48 - LANE_PAD_PX);
    expect(yToPosition(positionToY(0.3, 48), 48)).toBeCloseTo(0.3, 9);
    expect(yToPosition(-20, 48)).toBe(1);
    expect(yToPosition(100, 48)).toBe(0);
  });
});
