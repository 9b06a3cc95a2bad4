import type { Decibels, Lufs, ProgramMeasurement, Seconds } from '../dsp';
import type { MasteringTarget } from './mastering-targets';

export const QC_SEVERITIES = { info: 'info', warning: 'warning', error: 'error' } as const;
export type QcSeverity = (typeof QC_SEVERITIES)[keyof typeof QC_SEVERITIES];

export const QC_CODES = {
  clipping: 'clipping',
  true_peak_over_ceiling: 'true_peak_over_ceiling',
  low_headroom: 'low_headroom',
  dc_offset: 'dc_offset',
  phase_correlation: 'phase_correlation',
  mono_sum_loss: 'mono_sum_loss',
  silence_head: 'silence_head',
  silence_tail: 'silence_tail',
  loudness_range: 'loudness_range',
  track_clipping_pre_fader: 'track_clipping_pre_fader',
  target_missed: 'target_missed',
  codec_overs: 'codec_overs',
  silent: 'silent',
} as const;
export type QcCode = (typeof QC_CODES)[keyof typeof QC_CODES];

export interface QcItem {
  code: QcCode;
  severity: QcSeverity;
  message: string;
  /** Where in the programme, when the finding has a place. */
  atSec?: Seconds;
}

/** Thresholds of the checks; each is a judgement call, written down here once. */
export const QC_LIMITS = {
  /** True peak above this leaves no room for a lossy encoder's overshoot. */
  headroomDbtp: -1,
  /** |DC| above -60 dBFS wastes headroom and thumps at edits. */
  dcOffset: 0.001,
  /** Below 0 the sides partly cancel; below -0.3 a mono fold-down loses much of the programme. */
  correlationWarning: 0,
  correlationError: -0.3,
  /** More than 3 LU lost in mono: wide or out-of-phase content disappears on mono speakers. */
  monoSumLossLu: 3,
  headSilenceSec: 1,
  tailSilenceSec: 3,
  /** Loudness range outside 3..20 LU: squashed flat, or too wide for most listening. */
  minLoudnessRangeLu: 3,
  maxLoudnessRangeLu: 20,
  /** A master lands on its target within this. */
  targetToleranceLu: 0.5,
} as const;

/** A track whose signal went over full scale before its fader (from a mix render). */
export interface TrackClip {
  trackId: string;
  name: string;
  peakDbfs: Decibels;
  atSec: Seconds;
}

export interface QualityContext {
  /** The target of a master; checks its loudness and ceiling. */
  target?: MasteringTarget | null;
  /** A ceiling to hold without a target (the limiter's), in dBTP. */
  ceilingDbtp?: Decibels | null;
  /** True peak of the master after MP3 encoding and decoding (codec overs). */
  encodedTruePeakDbtp?: Decibels | null;
  /** Pre-fader clipping per track, on a mix render. */
  trackClips?: readonly TrackClip[];
}

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

/**
 * The quality report of a measured programme: pure, so `mixroom analyze`, renders and revisions
 * report alike. Findings are sorted by time where they have one, then by code.
 */
export function qualityReport(m: ProgramMeasurement, context: QualityContext = {}): QcItem[] {
  const items: QcItem[] = [];
  const add = (code: QcCode, severity: QcSeverity, message: string, atSec?: Seconds) => items.push(atSec === undefined ? { code, severity, message } : { code, severity, message, atSec });

  if (!Number.isFinite(m.integratedLufs)) add('silent', 'warning', 'no audio above the -70 LUFS gate: the programme is silent or nearly so');
  if (m.overCount > 0) {
    const first = m.overs[0];
    add('clipping', 'error', `${m.overCount} overs (runs of consecutive samples at full scale), ${m.clippedSamples} clipped samples; first at ${fmt(first.atSec, 3)} s`, first.atSec);
    for (const over of m.overs.slice(1)) add('clipping', 'error', `over of ${over.samples} samples on channel ${over.channel + 1}`, over.atSec);
  } else if (m.clippedSamples > 0) {
    add('clipping', 'warning', `${m.clippedSamples} samples at full scale (no run long enough to count as an over)`);
  }
  const ceiling = deliveryCeiling(context);
  if (ceiling !== null && m.truePeakDbtp > ceiling) add('true_peak_over_ceiling', 'error', `true peak ${fmt(m.truePeakDbtp, 2)} dBTP is above the ceiling of ${fmt(ceiling, 1)} dBTP`);
  else if (m.truePeakDbtp > QC_LIMITS.headroomDbtp) add('low_headroom', 'warning', `true peak ${fmt(m.truePeakDbtp, 2)} dBTP leaves less than 1 dB of headroom for lossy encoding`);
  m.dcOffset.forEach((dc, ch) => {
    if (Math.abs(dc) > QC_LIMITS.dcOffset) add('dc_offset', 'warning', `DC offset of ${fmt(20 * Math.log10(Math.abs(dc)))} dBFS on channel ${ch + 1}`);
  });
  if (m.phaseCorrelation !== null && m.phaseCorrelation < QC_LIMITS.correlationWarning) {
    add('phase_correlation', m.phaseCorrelation < QC_LIMITS.correlationError ? 'error' : 'warning', `phase correlation ${fmt(m.phaseCorrelation, 2)}: the channels partly cancel`);
  }
  if (m.monoSumLossLu !== null && m.monoSumLossLu > QC_LIMITS.monoSumLossLu) add('mono_sum_loss', 'warning', `summed to mono the programme loses ${fmt(m.monoSumLossLu)} LU`);
  if (m.headSilenceSec > QC_LIMITS.headSilenceSec && Number.isFinite(m.integratedLufs)) add('silence_head', 'info', `${fmt(m.headSilenceSec, 2)} s of silence at the start`, 0);
  if (m.tailSilenceSec > QC_LIMITS.tailSilenceSec && Number.isFinite(m.integratedLufs)) add('silence_tail', 'info', `${fmt(m.tailSilenceSec, 2)} s of silence at the end`, m.durationSec - m.tailSilenceSec);
  if (Number.isFinite(m.integratedLufs) && m.durationSec >= 10) {
    if (m.loudnessRangeLu > QC_LIMITS.maxLoudnessRangeLu) add('loudness_range', 'warning', `loudness range ${fmt(m.loudnessRangeLu)} LU is extreme: quiet passages will be lost in most listening`);
    else if (m.loudnessRangeLu < QC_LIMITS.minLoudnessRangeLu) add('loudness_range', 'info', `loudness range ${fmt(m.loudnessRangeLu)} LU: very little dynamics`);
  }
  for (const clip of context.trackClips ?? []) {
    add('track_clipping_pre_fader', 'warning', `${clip.name} reaches ${fmt(clip.peakDbfs)} dBFS before its fader (lower its trim or EQ)`, clip.atSec);
  }
  const target = context.target;
  if (target && target.integratedLufs !== null && Number.isFinite(m.integratedLufs) && Math.abs(m.integratedLufs - target.integratedLufs) > QC_LIMITS.targetToleranceLu) {
    add('target_missed', 'error', `integrated ${fmt(m.integratedLufs)} LUFS misses the ${target.label} target of ${target.integratedLufs} LUFS by more than 0.5 LU`);
  }
  const overs = codecOvers(context);
  if (overs) items.push(overs);
  return items.sort((a, b) => (a.atSec ?? Infinity) - (b.atSec ?? Infinity) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The ceiling a master must hold: the lower of its target's and its limiter's, if any. */
function deliveryCeiling(context: Pick<QualityContext, 'target' | 'ceilingDbtp'>): Decibels | null {
  const ceilings = [context.target?.ceilingDbtp, context.ceilingDbtp].filter((c): c is number => typeof c === 'number');
  return ceilings.length > 0 ? Math.min(...ceilings) : null;
}

/**
 * The finding when an MP3, decoded as a player decodes it, peaks above the delivery ceiling
 * (codec overs), or null. `mixroom render` and the browser's export each decode their MP3 and ask.
 */
export function codecOvers(context: Pick<QualityContext, 'target' | 'ceilingDbtp' | 'encodedTruePeakDbtp'>): QcItem | null {
  const ceiling = deliveryCeiling(context);
  const peak = context.encodedTruePeakDbtp;
  if (peak == null || ceiling === null || peak <= ceiling) return null;
  return { code: 'codec_overs', severity: 'warning', message: `after MP3 encoding the true peak is ${fmt(peak, 2)} dBTP, above the ceiling of ${fmt(ceiling, 1)} dBTP` };
}
