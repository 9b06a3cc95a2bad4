import { describe, expect, it } from 'vitest';
import type { ProgramMeasurement } from '../dsp';
import { MASTERING_TARGETS, platformPlayback } from './mastering-targets';
import { qualityReport } from './quality-control';

const clean: ProgramMeasurement = {
  sampleRate: 48000, channels: 2, durationSec: 180, integratedLufs: -14.1, loudnessRangeLu: 7, momentaryMaxLufs: -9, shortTermMaxLufs: -11,
  truePeakDbtp: -1.2, samplePeakDbfs: -1.5, dcOffset: [0, 0], clippedSamples: 0, overs: [], overCount: 0, phaseCorrelation: 0.6,
  monoSumLossLu: 1.2, headSilenceSec: 0.1, tailSilenceSec: 1, shortTermSeries: null,
};
const codes = (items: ReturnType<typeof qualityReport>) => items.map((i) => `${i.severity}:${i.code}`);

describe('qualityReport', () => {
  it('finds nothing wrong with a clean master on its Spotify target', () => {
    expect(qualityReport(clean, { target: MASTERING_TARGETS.spotify, encodedTruePeakDbtp: -1.1 })).toEqual([]);
  });

  it('reports overs with their times, the ceiling, DC, phase, mono loss, silences and an extreme range', () => {
    const items = qualityReport(
      {
        ...clean, truePeakDbtp: 0.4, dcOffset: [0.004, 0], overCount: 2, clippedSamples: 9,
        overs: [{ atSec: 12.5, channel: 0, samples: 5 }, { atSec: 80, channel: 1, samples: 4 }],
        phaseCorrelation: -0.5, monoSumLossLu: 7, headSilenceSec: 2.5, tailSilenceSec: 6, loudnessRangeLu: 24,
      },
      { ceilingDbtp: -1 },
    );
    expect(codes(items)).toEqual([
      'info:silence_head', 'error:clipping', 'error:clipping', 'info:silence_tail', 'warning:dc_offset', 'warning:loudness_range',
      'warning:mono_sum_loss', 'error:phase_correlation', 'error:true_peak_over_ceiling',
    ]);
    expect(items[1]).toMatchObject({ atSec: 12.5 });
    expect(items[1].message).toMatch(/2 overs.*9 clipped samples.*12\.500 s/);
    expect(items[3]).toMatchObject({ atSec: 174 });
  });

  it('on a master: target missed by more than 0.5 LU, codec overs after MP3, tracks clipping before their fader', () => {
    const items = qualityReport(
      { ...clean, integratedLufs: -13.2 },
      { target: MASTERING_TARGETS.spotify, encodedTruePeakDbtp: -0.6, trackClips: [{ trackId: 'b', name: 'Bass', peakDbfs: 2.5, atSec: 3.2 }] },
    );
    expect(codes(items)).toEqual(['warning:track_clipping_pre_fader', 'warning:codec_overs', 'error:target_missed']);
    expect(items[0].message).toBe('Bass reaches 2.5 dBFS before its fader (lower its trim or EQ)');
  });
});

describe('platformPlayback', () => {
  it('turns a loud master down on every normalising platform, and a quiet one up only where the platform does, within its peak limit', () => {
    expect(platformPlayback(MASTERING_TARGETS.youtube, -9, -0.5).playbackGainDb).toBe(-5);
    expect(platformPlayback(MASTERING_TARGETS.youtube, -18, -6).playbackGainDb).toBe(0);
    expect(platformPlayback(MASTERING_TARGETS.spotify, -18, -6).playbackGainDb).toBe(4);
    expect(platformPlayback(MASTERING_TARGETS.spotify, -18, -3).playbackGainDb).toBe(2);
    expect(platformPlayback(MASTERING_TARGETS.apple_music, -12, -1).playbackGainDb).toBe(-4);
    expect(platformPlayback(MASTERING_TARGETS.ebu_r128, -12, -1).playbackGainDb).toBe(0);
    expect(platformPlayback(MASTERING_TARGETS.amazon, -14, -1.5)).toMatchObject({ ceilingHeld: false, playbackLufs: -14 });
  });
});
