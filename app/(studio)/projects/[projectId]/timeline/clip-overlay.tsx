'use client';

import { memo, type KeyboardEvent, type PointerEvent, useRef } from 'react';
import type { MixSnapshot } from '../../../../../lib/doc';
import type { MixTarget } from '../mixer/mix-target';
import { useStudio } from '../studio-context';
import { type ClipHandle, type ClipValues, clipSpan, dragClip, fadePath } from './clip-geometry';
import { secToX, type TimelineView } from './timeline-view';

type Track = MixSnapshot['tracks'][number];

export interface ClipOverlayProps {
  track: Track;
  /** The stem's length in seconds. */
  stemSec: number;
  view: TimelineView;
  height: number;
  /** The lead, or a mixer assigned to the track (SPEC P3), while live. */
  editable: boolean;
}

const PARAMS: Record<ClipHandle, string> = {
  move: 'offsetSec',
  trimStart: 'clip.trimStartSec',
  trimEnd: 'clip.trimEndSec',
  fadeIn: 'clip.fadeIn.durationSec',
  fadeOut: 'clip.fadeOut.durationSec',
};

const NAMES: Record<ClipHandle, string> = {
  move: 'clip position',
  trimStart: 'clip trim start',
  trimEnd: 'clip trim end',
  fadeIn: 'clip fade-in',
  fadeOut: 'clip fade-out',
};

/** Seconds per arrow key press: 10 ms, Shift 1 ms, Page keys 1 s. */
function keyStep(e: KeyboardEvent): number | null {
  const size = e.key === 'PageUp' || e.key === 'PageDown' ? 1 : e.shiftKey ? 0.001 : 0.01;
  if (e.key === 'ArrowRight' || e.key === 'ArrowUp' || e.key === 'PageUp') return size;
  if (e.key === 'ArrowLeft' || e.key === 'ArrowDown' || e.key === 'PageDown') return -size;
  return null;
}

/**
 * A track's clip on its lane (SPEC L20): the trimmed parts dimmed, the fades drawn with their
 * curves, and handles to drag (or to step with the arrow keys, as sliders): the grip on top moves
 * the clip, its edges trim it, the squares at the top corners set the fades.
 */
export const ClipOverlay = memo(function ClipOverlay({ track, stemSec, view, height, editable }: ClipOverlayProps) {
  const { model } = useStudio();
  // The clip's params are numbers; the track target takes them by name (`clip.trimStartSec`, `offsetSec`).
  const target = model.track(track.id) as unknown as MixTarget<Record<string, number>>;
  const drag = useRef<{ handle: ClipHandle; x: number; from: ClipValues } | null>(null);
  const clip = track.clip;
  const values: ClipValues = {
    offsetSec: track.offsetSec,
    trimStartSec: clip.trimStartSec,
    trimEndSec: clip.trimEndSec,
    fadeInSec: clip.fadeIn.durationSec,
    fadeOutSec: clip.fadeOut.durationSec,
  };
  const span = clipSpan(track.offsetSec, stemSec, clip.trimStartSec, clip.trimEndSec);
  const x0 = secToX(view, span.stemStart);
  const xs = secToX(view, span.start);
  const xe = secToX(view, span.end);
  const xStemEnd = secToX(view, span.stemStart + stemSec);
  const fadeInPx = Math.min(xe - xs, values.fadeInSec * view.pxPerSec);
  const fadeOutPx = Math.min(xe - xs, values.fadeOutSec * view.pxPerSec);
  const valueOf = (handle: ClipHandle) =>
    handle === 'move' ? values.offsetSec : handle === 'trimStart' ? values.trimStartSec : handle === 'trimEnd' ? values.trimEndSec : handle === 'fadeIn' ? values.fadeInSec : values.fadeOutSec;

  const handleProps = (handle: ClipHandle) => ({
    role: 'slider' as const,
    tabIndex: editable ? 0 : -1,
    'aria-label': `${track.name} ${NAMES[handle]}`,
    'aria-valuenow': valueOf(handle),
    'aria-valuetext': `${valueOf(handle).toFixed(3)} s`,
    'aria-disabled': !editable || undefined,
    'data-param-path': target.pathOf(PARAMS[handle]).join('/'),
    onPointerDown: (e: PointerEvent<HTMLElement>) => {
      if (!editable || e.button !== 0) return;
      e.preventDefault();
      e.stopPropagation();
      e.currentTarget.setPointerCapture(e.pointerId);
      drag.current = { handle, x: e.clientX, from: values };
    },
    onPointerMove: (e: PointerEvent<HTMLElement>) => {
      const d = drag.current;
      if (!d || d.handle !== handle) return;
      target.push(PARAMS[handle], dragClip(handle, d.from, (e.clientX - d.x) / view.pxPerSec, stemSec));
    },
    onPointerUp: () => {
      if (drag.current?.handle !== handle) return;
      drag.current = null;
      target.endGesture(PARAMS[handle]);
    },
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      const step = editable ? keyStep(e) : null;
      if (step === null) return;
      e.preventDefault();
      // The end handles step the way they move: right shortens a trim at the end or a fade-out.
      target.set(PARAMS[handle], dragClip(handle, values, step, stemSec));
    },
  });

  const h = height;
  return (
    <div className="clip" style={{ left: x0, width: Math.max(0, xStemEnd - x0), height: h }} data-editable={editable}>
      {xs > x0 && <div className="clip__trimmed" style={{ left: 0, width: xs - x0 }} aria-hidden="true" />}
      {xStemEnd > xe && <div className="clip__trimmed" style={{ left: xe - x0, width: xStemEnd - xe }} aria-hidden="true" />}
      <svg className="clip__fades" style={{ left: xs - x0, width: Math.max(0, xe - xs), height: h }} aria-hidden="true">
        {fadeInPx > 0 && <path d={`${fadePath(clip.fadeIn.curve, fadeInPx, h, true)}L0,0Z`} className="clip__fade-shade" />}
        {fadeInPx > 0 && <path d={fadePath(clip.fadeIn.curve, fadeInPx, h, true)} className="clip__fade-line" />}
        {fadeOutPx > 0 && (
          <g transform={`translate(${xe - xs - fadeOutPx},0)`}>
            <path d={`${fadePath(clip.fadeOut.curve, fadeOutPx, h, false)}L${fadeOutPx},0Z`} className="clip__fade-shade" />
            <path d={fadePath(clip.fadeOut.curve, fadeOutPx, h, false)} className="clip__fade-line" />
          </g>
        )}
      </svg>
      {clip.gainDb !== 0 && (
        <span className="clip__gain" style={{ left: xs - x0 + 4 }}>
          {clip.gainDb > 0 ? '+' : ''}
          {clip.gainDb.toFixed(1)} dB
        </span>
      )}
      <div className="clip__grip" style={{ left: xs - x0, width: Math.max(0, xe - xs) }} title="Drag to move the clip (arrow keys: 10 ms, Shift 1 ms)" {...handleProps('move')} />
      <div className="clip__edge clip__edge--start" style={{ left: xs - x0 - 4 }} title="Drag to trim the start" {...handleProps('trimStart')} />
      <div className="clip__edge clip__edge--end" style={{ left: xe - x0 - 4 }} title="Drag to trim the end" {...handleProps('trimEnd')} />
      <div className="clip__fade-handle" style={{ left: xs - x0 + fadeInPx - 5 }} title="Drag to set the fade-in" {...handleProps('fadeIn')} />
      <div className="clip__fade-handle" style={{ left: xe - x0 - fadeOutPx - 5 }} title="Drag to set the fade-out" {...handleProps('fadeOut')} />
    </div>
  );
});
