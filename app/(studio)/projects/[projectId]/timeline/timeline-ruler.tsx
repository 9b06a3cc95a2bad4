'use client';

import { memo, type Ref, useLayoutEffect, useRef } from 'react';
import type { LoopRange, Transport } from '../transport/transport-types';
import { drawRuler } from './draw-waveform';
import { barEvery, formatTimeLabel, rulerStepSec, type TimelineView } from './timeline-view';
import { useRulerGesture } from './use-ruler-gesture';

export interface TimelineRulerProps {
  view: TimelineView;
  width: number;
  height: number;
  bpm: number;
  /** The scroll range, the slider's maximum. */
  lengthSec: number;
  /** Null until audio is set up: the ruler is then only a scale. */
  transport: Transport | null;
  /** The transport's loop region. */
  loop: LoopRange | null;
  onLoopDraft(loop: LoopRange | null): void;
  /** Bring a time on screen (after a keyboard seek). */
  onReveal(sec: number): void;
  /** The slider element: the playhead's animation writes its value. */
  sliderRef: Ref<HTMLDivElement>;
}

export const RULER_LABEL = 'Timeline ruler: click to move the playhead, drag to set a loop';

/**
 * Seconds and bars over the lanes. With a transport it is also the playhead's slider: a click
 * seeks, a drag sets a loop region, the arrow keys step the playhead.
 */
export const TimelineRuler = memo(function TimelineRuler({ view, width, height, bpm, lengthSec, transport, loop, onLoopDraft, onReveal, sliderRef }: TimelineRulerProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const handlers = useRulerGesture({ transport, view, loop, onDraft: onLoopDraft, onReveal });

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width <= 0) return;
    const stepSec = rulerStepSec(view.pxPerSec);
    const bars = barEvery(bpm, view.pxPerSec);
    drawRuler(canvas, {
      view,
      width,
      height,
      stepSec,
      barSec: bars.barSec,
      barEvery: bars.every,
      formatLabel: (sec) => formatTimeLabel(sec, stepSec),
    });
  }, [view, width, height, bpm]);

  return (
    <div
      ref={sliderRef}
      className={`timeline__ruler${transport ? ' timeline__ruler--live' : ''}`}
      role="slider"
      aria-label={RULER_LABEL}
      aria-valuemin={0}
      aria-valuemax={Math.round(lengthSec * 1000) / 1000}
      aria-disabled={transport ? undefined : true}
      aria-keyshortcuts="ArrowLeft ArrowRight PageUp PageDown Home"
      data-transport-keys=""
      tabIndex={transport ? 0 : -1}
      style={{ width, height }}
      {...handlers}
    >
      <canvas ref={canvasRef} aria-hidden="true" style={{ width, height, display: 'block' }} />
    </div>
  );
});
