import { describe, expect, it } from 'vitest';
import { pitchPath } from './pitch-view';

describe('pitchPath', () => {
  it('draws voiced estimates on the semitone scale and breaks the line where nothing is voiced', () => {
    const hz = Float32Array.from([440, 880, 0, 440]);
    const path = pitchPath(hz, 0.5, (sec) => sec * 10, (midi) => 100 - midi, 0, 2);
    expect(path).toBe('M0.0,31.0L5.0,19.0M15.0,31.0');
  });
});
