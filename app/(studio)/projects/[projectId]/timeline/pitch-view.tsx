'use client';

import { memo, useMemo } from 'react';
import type { PitchCurve } from '../../../../../lib/audio/pitch-prepass';
import { secToX, type TimelineView } from './timeline-view';

export interface PitchViewProps {
  curve: PitchCurve;
  /** The track's name, for the view's label. */
  name: string;
  /** Where the stem starts on the timeline (`offsetSec`). */
  offsetSec: number;
  view: TimelineView;
  width: number;
  height: number;
}

const toMidi = (hz: number) => 69 + 12 * Math.log2(hz / 440);

/** SVG path of a pitch curve on a MIDI scale from `lo` (bottom) to `hi` (top); unvoiced stretches break it. */
export function pitchPath(hz: Float32Array, hopSec: number, x: (sec: number) => number, y: (midi: number) => number, fromSec: number, toSec: number): string {
  let d = '';
  let drawing = false;
  const first = Math.max(0, Math.floor(fromSec / hopSec) - 1);
  const last = Math.min(hz.length - 1, Math.ceil(toSec / hopSec) + 1);
  for (let k = first; k <= last; k++) {
    if (!(hz[k] > 0)) {
      drawing = false;
      continue;
    }
    d += `${drawing ? 'L' : 'M'}${x(k * hopSec).toFixed(1)},${y(toMidi(hz[k])).toFixed(1)}`;
    drawing = true;
  }
  return d;
}

/**
 * Detected (thin, grey) and corrected (the track's colour) pitch of a pitch-corrected track over
 * its waveform, on a semitone scale fitted to what was sung, with a faint line per scale step.
 */
export const PitchView = memo(function PitchView({ curve, name, offsetSec, view, width, height }: PitchViewProps) {
  const [lo, hi] = useMemo(() => {
    let min = Infinity;
    let max = -Infinity;
    for (const hz of curve.detectedHz) if (hz > 0) (min = Math.min(min, toMidi(hz))), (max = Math.max(max, toMidi(hz)));
    return Number.isFinite(min) ? [Math.floor(min) - 1, Math.ceil(max) + 1] : [60, 72];
  }, [curve]);
  const x = (sec: number) => secToX(view, offsetSec + sec);
  const y = (midi: number) => height - ((midi - lo) / (hi - lo)) * height;
  const fromSec = view.startSec - offsetSec;
  const toSec = fromSec + width / view.pxPerSec;
  return (
    <svg className="pitch-view" width={width} height={height} role="img" aria-label={`${name} pitch, detected (grey) and corrected`}>
      {Array.from({ length: hi - lo + 1 }, (_, k) => (
        <line key={k} x1={0} x2={width} y1={y(lo + k)} y2={y(lo + k)} className="pitch-view__grid" />
      ))}
      <path d={pitchPath(curve.detectedHz, curve.hopSec, x, y, fromSec, toSec)} className="pitch-view__detected" />
      <path d={pitchPath(curve.correctedHz, curve.hopSec, x, y, fromSec, toSec)} className="pitch-view__corrected" />
    </svg>
  );
});
