'use client';

import { memo, useRef } from 'react';
import { Button } from '../../../../_components/button';
import type { UploadQueue } from '../uploads/upload-queue';
import { ZOOM_STEP } from './timeline-view';

export interface TimelineToolbarProps {
  pxPerSec: number;
  /** The view no longer fits the whole song: Fit brings it back. */
  userZoomed: boolean;
  /** The user manages the track list (the lead): Add stems… is theirs. */
  canManage: boolean;
  /** New tracks can be added now (the lead, while live). */
  mayAdd: boolean;
  queue: UploadQueue | null;
  onZoom(factor: number): void;
  onFit(): void;
}

/** The timeline's title, zoom readout and hint, zoom buttons, Fit, and the lead's Add stems… picker. */
export const TimelineToolbar = memo(function TimelineToolbar({ pxPerSec, userZoomed, canManage, mayAdd, queue, onZoom, onFit }: TimelineToolbarProps) {
  const fileInputRef = useRef<HTMLInputElement>(null);
  return (
    <div className="timeline__toolbar">
      <div className="mixer__toolbar-group">
        <h2 className="mixer__title">Timeline</h2>
        <span className="timeline__zoom-readout mono" title="Zoom: pixels per second">
          {pxPerSec < 10 ? pxPerSec.toFixed(1) : Math.round(pxPerSec)} px/s
        </span>
        <span className="timeline__hint">
          {mayAdd ? 'Drop audio files here to add tracks, or onto a lane to replace its audio.' : 'Hover a waveform for its levels.'}
        </span>
      </div>
      <div className="mixer__toolbar-group">
        <Button size="sm" variant="ghost" aria-label="Zoom out" title="Zoom out (−, or Ctrl + wheel)" onClick={() => onZoom(1 / ZOOM_STEP)}>
          <svg className="mixer__icon" viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="7" cy="7" r="4.5" />
            <path d="M5 7h4M10.5 10.5 14 14" />
          </svg>
        </Button>
        <Button size="sm" variant="ghost" aria-label="Zoom in" title="Zoom in (+, or Ctrl + wheel)" onClick={() => onZoom(ZOOM_STEP)}>
          <svg className="mixer__icon" viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="7" cy="7" r="4.5" />
            <path d="M5 7h4M7 5v4M10.5 10.5 14 14" />
          </svg>
        </Button>
        <Button size="sm" variant="ghost" title="Fit the whole song" disabled={!userZoomed} onClick={onFit}>
          Fit
        </Button>
        {canManage && (
          <>
            <Button size="sm" variant="secondary" aria-label="Add stems" disabled={!mayAdd || !queue} onClick={() => fileInputRef.current?.click()}>
              Add stems…
            </Button>
            <input
              ref={fileInputRef}
              className="sr-only"
              type="file"
              multiple
              accept="audio/*,.wav,.wave,.aif,.aiff,.aifc,.flac,.mp3"
              aria-label="Stem files"
              tabIndex={-1}
              onChange={(e) => {
                const files = Array.from(e.currentTarget.files ?? []);
                if (files.length) queue?.add(files);
                e.currentTarget.value = '';
              }}
            />
          </>
        )}
      </div>
    </div>
  );
});
