import type { Frozen } from '../doc/read-mix';
import type { LoudnessTarget } from '../doc/schema';
import { LOUDNESS_TARGET_LABELS } from '../doc/target-labels';
import type { MasterData } from '../doc/types';
import type { Decibels, Hertz, Lufs } from '../dsp';

/** What a platform does to a file's level on playback. */
export const PLAYBACK_GAIN = {
  /** Louder files are turned down to the target; quieter ones are left alone. */
  down_only: 'down_only',
  /** Turned down or up to the target; up only as far as the true peak stays under `positiveGainLimitDbtp`. */
  up_and_down: 'up_and_down',
  /** Played as delivered (the figure is a delivery spec, not a playback normalisation). */
  none: 'none',
} as const;
export type PlaybackGain = (typeof PLAYBACK_GAIN)[keyof typeof PLAYBACK_GAIN];

export interface MasteringTarget {
  id: LoudnessTarget;
  label: string;
  /** Integrated loudness a master is normalised to; null: no normalisation. */
  integratedLufs: Lufs | null;
  /** True-peak ceiling of the limiter; null: none. */
  ceilingDbtp: Decibels | null;
  playback: PlaybackGain;
  /** With `up_and_down`: the true peak a platform's positive gain stops at (it adds no limiter). */
  positiveGainLimitDbtp: Decibels | null;
  /** Delivery rate and bit depth, when the target fixes them. */
  sampleRate: Hertz | null;
  bitDepth: 16 | 24 | null;
}

const target = (
  id: LoudnessTarget,
  label: string,
  integratedLufs: Lufs | null,
  ceilingDbtp: Decibels | null,
  playback: PlaybackGain,
  extra: Partial<Pick<MasteringTarget, 'positiveGainLimitDbtp' | 'sampleRate' | 'bitDepth'>> = {},
): MasteringTarget => ({ id, label, integratedLufs, ceilingDbtp, playback, positiveGainLimitDbtp: null, sampleRate: null, bitDepth: null, ...extra });

/**
 * The presets (SPEC L16). Sources, read 2026-12; platforms change these without notice:
 * - Spotify: -14 LUFS, -1 dBTP; turns quieter tracks up only until the true peak reaches -1 dBTP
 *   ("Normal" setting, no limiter): support.spotify.com/artists/article/loudness-normalization
 * - Apple Music: Sound Check at -16 LUFS, up and down, positive gain limited by peak headroom:
 *   Apple Digital Masters (apple.com/apple-music/apple-digital-masters), -1 dBTP recommended there.
 * - YouTube: -14 LUFS, turns loud uploads down, never up ("content loudness" in Stats for nerds);
 *   sageaudio.com/blog/mastering/mastering-for-streaming-platform-loudness-and-normalization-explained.php
 * - Tidal: -14 LUFS, -1 dBTP, down only (Tidal support, "Loudness normalization"); as reported by
 *   the Sage Audio article above and danmurtagh.com/lufs-loudness-standards.
 * - Amazon Music: -14 LUFS, -2 dBTP, up and down: danmurtagh.com/lufs-loudness-standards,
 *   blog.wavedisco.com/blog/streaming-loudness-targets.
 * - Deezer: -15 LUFS, -1 dBTP, down only: andres.audio/tools/loudness-targets, danmurtagh.com (above).
 * - SoundCloud: -14 LUFS / -1 dBTP as a delivery figure; SoundCloud does not normalise playback
 *   (Sage Audio article above).
 * - Podcast: -16 LUFS, -1 dBTP: AES TD1008 (2021) and Apple Podcasts' audio requirements; apps
 *   play files as delivered.
 * - CD: no normalisation, -0.1 dBTP ceiling for the 16-bit master, 44.1 kHz 16-bit (IEC 60908, the
 *   "Red Book"); dithered when reduced to 16 bits.
 * - EBU R128 (2020): -23 LUFS +-0.5 LU (+-1 LU live), max true peak -1 dBTP; EBU Tech 3344 for
 *   distribution. Broadcasters normalise at ingest, players do not.
 * - ATSC A/85:2013: -24 LKFS, true peak -2 dBTP.
 */
export const MASTERING_TARGETS: Readonly<Record<Exclude<LoudnessTarget, 'none' | 'custom'>, MasteringTarget>> = {
  spotify: target('spotify', LOUDNESS_TARGET_LABELS.spotify, -14, -1, 'up_and_down', { positiveGainLimitDbtp: -1 }),
  apple_music: target('apple_music', LOUDNESS_TARGET_LABELS.apple_music, -16, -1, 'up_and_down', { positiveGainLimitDbtp: -1 }),
  youtube: target('youtube', LOUDNESS_TARGET_LABELS.youtube, -14, -1, 'down_only'),
  tidal: target('tidal', LOUDNESS_TARGET_LABELS.tidal, -14, -1, 'down_only'),
  amazon: target('amazon', LOUDNESS_TARGET_LABELS.amazon, -14, -2, 'up_and_down', { positiveGainLimitDbtp: -2 }),
  deezer: target('deezer', LOUDNESS_TARGET_LABELS.deezer, -15, -1, 'down_only'),
  soundcloud: target('soundcloud', LOUDNESS_TARGET_LABELS.soundcloud, -14, -1, 'none'),
  podcast: target('podcast', LOUDNESS_TARGET_LABELS.podcast, -16, -1, 'none'),
  cd: target('cd', LOUDNESS_TARGET_LABELS.cd, null, -0.1, 'none', { sampleRate: 44100, bitDepth: 16 }),
  ebu_r128: target('ebu_r128', LOUDNESS_TARGET_LABELS.ebu_r128, -23, -1, 'none'),
  atsc_a85: target('atsc_a85', LOUDNESS_TARGET_LABELS.atsc_a85, -24, -2, 'none'),
};

/** The preset names `--target` and `analyze --target` accept. */
export const TARGET_IDS = Object.keys(MASTERING_TARGETS) as Array<keyof typeof MASTERING_TARGETS>;

/** The target a master section aims at: a preset, `customTarget`, or null for `none`. */
export function resolveTarget(master: Pick<Frozen<MasterData>, 'target' | 'customTarget'>): MasteringTarget | null {
  if (master.target === 'none') return null;
  if (master.target === 'custom') {
    return target('custom', LOUDNESS_TARGET_LABELS.custom, master.customTarget.integratedLufs, master.customTarget.ceilingDbtp, 'none');
  }
  return MASTERING_TARGETS[master.target];
}

export interface PlatformPlayback {
  target: LoudnessTarget;
  label: string;
  /** The gain the platform applies on playback, in dB (0 when it leaves the level alone). */
  playbackGainDb: Decibels;
  /** Loudness and true peak as the listener gets them. */
  playbackLufs: Lufs | null;
  playbackTruePeakDbtp: Decibels;
  /** The file's own true peak is at or under the target's ceiling. */
  ceilingHeld: boolean;
}

/** What a platform will do to a file with this integrated loudness and true peak. */
export function platformPlayback(t: MasteringTarget, integratedLufs: Lufs | null, truePeakDbtp: Decibels): PlatformPlayback {
  let gain = 0;
  if (t.integratedLufs !== null && integratedLufs !== null && Number.isFinite(integratedLufs)) {
    const wanted = t.integratedLufs - integratedLufs;
    if (t.playback === 'down_only') gain = Math.min(0, wanted);
    else if (t.playback === 'up_and_down') {
      gain = wanted > 0 && t.positiveGainLimitDbtp !== null ? Math.max(0, Math.min(wanted, t.positiveGainLimitDbtp - truePeakDbtp)) : wanted;
    }
  }
  return {
    target: t.id,
    label: t.label,
    playbackGainDb: gain,
    playbackLufs: integratedLufs === null || !Number.isFinite(integratedLufs) ? null : integratedLufs + gain,
    playbackTruePeakDbtp: truePeakDbtp + gain,
    ceilingHeld: t.ceilingDbtp === null || truePeakDbtp <= t.ceilingDbtp,
  };
}
