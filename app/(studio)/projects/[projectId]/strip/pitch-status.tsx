'use client';

import { pitchStemId, type PitchParams } from '../../../../../lib/audio/pitch-prepass';
import { useStore } from '../common/use-store';
import { useStudio } from '../studio-context';

/** Pitch classes as a key is written: 0 = C ... 9 = A ... 11 = B. */
export const KEY_NAMES = ['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B'];

/** "A minor", "C chromatic". */
export function keyName(params: Pick<PitchParams, 'key' | 'scale'>): string {
  return `${KEY_NAMES[params.key] ?? params.key} ${params.scale}`;
}

export interface PitchStatusProps {
  /** The track's name, for the progress bar's label. */
  name: string;
  stemId: string;
  /** The pitch correction the track plays (`trackPitch`). */
  params: PitchParams;
  /** `badge`: a pill over the track's waveform; `line`: a line of text in the insert's panel. */
  variant: 'badge' | 'line';
}

/**
 * Where a track's pitch-corrected copy is (SPEC L18): being computed (a progress bar), failed (why;
 * the track plays its stem as it is), or playing. Reads the page's playback (`pitchJobs`, `pitch`).
 */
export function PitchStatus({ name, stemId, params, variant }: PitchStatusProps) {
  const { playback } = useStudio();
  const copyId = pitchStemId(stemId, params);
  const job = useStore(playback, (s) => s.pitchJobs.get(copyId) ?? null);
  const ready = useStore(playback, (s) => s.pitch.has(copyId));
  const key = keyName(params);
  const className = `pitch-status pitch-status--${variant}`;
  if (job && job.error !== null) {
    return (
      <p className={`${className} pitch-status--error`} role="alert" title={job.error}>
        Pitch correction failed: {job.error}. {name} plays as recorded.
      </p>
    );
  }
  if (job) {
    const pct = Math.round(job.fraction * 100);
    return (
      <div className={className} role="progressbar" aria-label={`${name} pitch correction`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <span className="pitch-status__bar" style={{ width: `${pct}%` }} aria-hidden="true" />
        <span className="pitch-status__text">
          Tuning to {key}… {pct}%
        </span>
      </div>
    );
  }
  if (!ready) return null;
  return (
    <p className={className} role="status" aria-label={`${name} pitch correction`}>
      <span className="pitch-status__text">Tuned to {key}</span>
    </p>
  );
}
