'use client';

import { type DragEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../../../../_components/button';
import { Loading } from '../../../../_components/loading';
import type { LoopRange, RemotePlayhead, Transport } from '../transport/transport-types';
import { type MixerModel, type MixerState, mayManageTracks, mayWriteTrack } from '../mixer/mixer-model';
import { clampPxPerSec, revealView, type TimelineView, timelineLengthSec, ZOOM_STEP, zoomView } from './timeline-view';
import { usePlayhead } from './use-playhead';
import { useOwned } from '../common/use-owned';
import { useStore } from '../common/use-store';
import { NO_TRANSPORT, sameTransportState, transportState } from '../transport/transport-state';
import { type UploadItem, UploadQueue } from '../uploads/upload-queue';
import { TimelineLane } from './timeline-lane';
import { TimelineOverlay } from './timeline-overlay';
import { TimelineRuler } from './timeline-ruler';
import { UploadsPanel } from '../uploads/uploads-panel';

export interface TimelineProps {
  projectId: string;
  model: MixerModel | null;
  state: MixerState | null;
  live: boolean;
  /** The local transport, once audio is set up; without it the timeline has no playhead. */
  transport?: Transport | null;
  /** The other people's playheads, from presence. */
  remotePlayheads?: readonly RemotePlayhead[];
}

const NO_PLAYHEADS: readonly RemotePlayhead[] = [];
const NO_UPLOADS: readonly UploadItem[] = [];

/** Width of the track headers on the left of the lanes. */
const HEADER_WIDTH_PX = 168;
const RULER_HEIGHT_PX = 34;
/** Arrow keys scroll this share of the visible width. */
const ARROW_SCROLL_SHARE = 0.2;

/** Where a drag of files would land: a new track, a given track, or nowhere (not allowed). */
type DropTarget = { kind: 'new' } | { kind: 'track'; trackId: string } | null;

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/**
 * The arrangement: one lane per track with its waveform (and, opened per track, its fader and pan
 * automation), a ruler, a shared zoom and horizontal scroll, the playhead and loop region of the
 * transport, and stem uploads (drop files, or Add stems…) with their progress.
 */
export function Timeline({ projectId, model, state, live, transport = null, remotePlayheads = NO_PLAYHEADS }: TimelineProps) {
  const queue = useOwned(() => new UploadQueue({ projectId }), [projectId]);
  const uploads = useStore(queue) ?? NO_UPLOADS;
  const tracks = state?.mix.tracks ?? [];
  const bpm = state?.mix.meta.bpm ?? 120;

  const mainRef = useRef<HTMLDivElement>(null);
  const scrollbarRef = useRef<HTMLDivElement>(null);
  const lanesScrollRef = useRef<HTMLDivElement>(null);
  const rulerRef = useRef<HTMLDivElement>(null);
  const playheadRef = useRef<HTMLDivElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);

  const [laneWidth, setLaneWidth] = useState(0);
  const [view, setView] = useState<TimelineView>({ startSec: 0, pxPerSec: 10 });
  /** Until the user zooms, the view keeps fitting the whole song. */
  const [userZoomed, setUserZoomed] = useState(false);
  const [extents, setExtents] = useState<ReadonlyMap<string, number>>(new Map());
  const [drop, setDrop] = useState<DropTarget>(null);
  const transportNow = useStore(transport, transportState, sameTransportState) ?? NO_TRANSPORT;
  /** The loop region while a drag on the ruler shapes it. */
  const [loopDraft, setLoopDraft] = useState<LoopRange | null>(null);

  const onExtent = useCallback((trackId: string, endSec: number) => {
    setExtents((prev) => (prev.get(trackId) === endSec ? prev : new Map(prev).set(trackId, endSec)));
  }, []);

  const songSec = useMemo(() => {
    let end = state?.mix.meta.lengthSec ?? 0;
    for (const t of tracks) end = Math.max(end, extents.get(t.id) ?? 0);
    return end;
  }, [tracks, extents, state?.mix.meta.lengthSec]);

  const viewSec = laneWidth > 0 ? laneWidth / view.pxPerSec : 0;
  const lengthSec = timelineLengthSec(songSec, viewSec);
  const maxStartSec = Math.max(0, lengthSec - viewSec);

  // The lanes' width follows the page's, less a vertical scrollbar when the lanes need one.
  useLayoutEffect(() => {
    const scroller = lanesScrollRef.current;
    if (!scroller) return;
    const measure = () => setLaneWidth(Math.max(0, scroller.clientWidth - HEADER_WIDTH_PX));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);

  // Fit the whole song until the user picks a zoom.
  useEffect(() => {
    if (userZoomed || laneWidth <= 0) return;
    const fit = clampPxPerSec(laneWidth / timelineLengthSec(Math.max(songSec, 8), 0));
    setView((v) => (v.pxPerSec === fit && v.startSec === 0 ? v : { startSec: 0, pxPerSec: fit }));
  }, [userZoomed, laneWidth, songSec]);

  // Keep the start inside the scroll range after a zoom or resize.
  useEffect(() => {
    if (view.startSec > maxStartSec) setView((v) => ({ ...v, startSec: maxStartSec }));
  }, [view.startSec, maxStartSec]);

  // The native scrollbar under the lanes mirrors the view.
  useLayoutEffect(() => {
    const bar = scrollbarRef.current;
    if (!bar) return;
    const left = view.startSec * view.pxPerSec;
    if (Math.abs(bar.scrollLeft - left) >= 1) bar.scrollLeft = left;
  }, [view, lengthSec]);

  usePlayhead({
    transport,
    playing: transportNow.playing,
    view,
    widthPx: laneWidth,
    maxStartSec,
    lineRef: playheadRef,
    rulerRef,
    onFollow: setView,
  });

  const reveal = useCallback(
    (sec: number) => setView((v) => revealView(v, sec, laneWidth, maxStartSec) ?? v),
    [laneWidth, maxStartSec],
  );

  const zoom = useCallback(
    (factor: number, anchorPx?: number) => {
      setUserZoomed(true);
      setView((v) => zoomView(v, factor, anchorPx ?? laneWidth / 2));
    },
    [laneWidth],
  );

  const scrollBy = useCallback(
    (deltaPx: number) => setView((v) => ({ ...v, startSec: Math.min(maxStartSec, Math.max(0, v.startSec + deltaPx / v.pxPerSec)) })),
    [maxStartSec],
  );

  // Ctrl/Cmd + wheel zooms around the pointer, a sideways wheel (or Shift + wheel) scrolls; a
  // native listener, as React's wheel listener is passive and cannot stop the page from zooming.
  useEffect(() => {
    const main = mainRef.current;
    if (!main) return;
    const onWheel = (e: WheelEvent) => {
      const x = e.clientX - main.getBoundingClientRect().left - HEADER_WIDTH_PX;
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        zoom(e.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, Math.max(0, x));
      } else if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) {
        e.preventDefault();
        scrollBy(e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX);
      }
    };
    main.addEventListener('wheel', onWheel, { passive: false });
    return () => main.removeEventListener('wheel', onWheel);
  }, [zoom, scrollBy]);

  // A file dropped just beside the timeline must not make the browser leave the page to open it.
  useEffect(() => {
    const guard = (e: globalThis.DragEvent) => {
      if (Array.from(e.dataTransfer?.types ?? []).includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);

  const mayReplace = useCallback((trackId: string) => live && state !== null && mayWriteTrack(state, trackId), [live, state]);
  const canManage = state !== null && mayManageTracks(state);
  const mayAdd = canManage && live;

  const targetOf = (e: DragEvent): DropTarget => {
    const lane = (e.target as Element).closest?.('[data-lane-id]');
    const trackId = lane?.getAttribute('data-lane-id');
    if (trackId && mayReplace(trackId)) return { kind: 'track', trackId };
    return mayAdd ? { kind: 'new' } : null;
  };

  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    const target = targetOf(e);
    if (!target) {
      e.dataTransfer.dropEffect = 'none';
      setDrop(null);
      return;
    }
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDrop((prev) =>
      prev?.kind === target.kind && (prev.kind === 'new' || (target.kind === 'track' && prev.kind === 'track' && prev.trackId === target.trackId))
        ? prev
        : target,
    );
  };

  const onDragLeave = (e: DragEvent) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDrop(null);
  };

  const onDrop = (e: DragEvent) => {
    const files = Array.from(e.dataTransfer?.files ?? []);
    setDrop(null);
    if (files.length === 0 || !queue) return;
    const target = targetOf(e);
    if (!target) return;
    e.preventDefault();
    if (target.kind === 'track') {
      // One file gives a track its audio; any others become new tracks (for the lead).
      queue.add(files.slice(0, 1), target.trackId);
      if (mayAdd && files.length > 1) queue.add(files.slice(1));
    } else {
      queue.add(files);
    }
  };

  const trackNames = useMemo(() => new Map(tracks.map((t) => [t.id, t.name])), [tracks]);
  const loading = !model || !state || (!state.loaded && tracks.length === 0);
  const dropNew = drop?.kind === 'new';

  return (
    <div
      className={`timeline${drop ? ' timeline--dragging' : ''}`}
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <div className="timeline__toolbar">
        <div className="mixer__toolbar-group">
          <h2 className="mixer__title">Timeline</h2>
          <span className="timeline__zoom-readout mono" title="Zoom: pixels per second">
            {view.pxPerSec < 10 ? view.pxPerSec.toFixed(1) : Math.round(view.pxPerSec)} px/s
          </span>
          <span className="timeline__hint">
            {mayAdd ? 'Drop audio files here to add tracks, or onto a lane to replace its audio.' : 'Hover a waveform for its levels.'}
          </span>
        </div>
        <div className="mixer__toolbar-group">
          <Button size="sm" variant="ghost" aria-label="Zoom out" title="Zoom out (−, or Ctrl + wheel)" onClick={() => zoom(1 / ZOOM_STEP)}>
            <svg className="mixer__icon" viewBox="0 0 16 16" aria-hidden="true">
              <circle cx="7" cy="7" r="4.5" />
              <path d="M5 7h4M10.5 10.5 14 14" />
            </svg>
          </Button>
          <Button size="sm" variant="ghost" aria-label="Zoom in" title="Zoom in (+, or Ctrl + wheel)" onClick={() => zoom(ZOOM_STEP)}>
            <svg className="mixer__icon" viewBox="0 0 16 16" aria-hidden="true">
              <circle cx="7" cy="7" r="4.5" />
              <path d="M5 7h4M7 5v4M10.5 10.5 14 14" />
            </svg>
          </Button>
          <Button size="sm" variant="ghost" title="Fit the whole song" disabled={!userZoomed} onClick={() => setUserZoomed(false)}>
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

      <div className={`timeline__body${uploads.length ? ' timeline__body--uploads' : ''}`}>
        <div
          ref={mainRef}
          className="timeline__main"
          tabIndex={0}
          role="group"
          aria-label="Lanes"
          aria-roledescription="timeline"
          title="+ and − zoom, arrow keys scroll"
          aria-keyshortcuts="+ - ArrowLeft ArrowRight"
          onKeyDown={(e) => {
            if ((e.target as HTMLElement).closest('input, textarea')) return;
            if (e.key === '+' || e.key === '=') zoom(ZOOM_STEP);
            else if (e.key === '-' || e.key === '_') zoom(1 / ZOOM_STEP);
            else if (e.key === 'ArrowRight') scrollBy(laneWidth * ARROW_SCROLL_SHARE);
            else if (e.key === 'ArrowLeft') scrollBy(-laneWidth * ARROW_SCROLL_SHARE);
            else return;
            e.preventDefault();
          }}
        >
          <div className="timeline__stage">
            <div className="timeline__ruler-row">
              <div className="timeline__corner" style={{ width: HEADER_WIDTH_PX }}>
                <span>time</span>
                <span>bar</span>
              </div>
              <TimelineRuler
                sliderRef={rulerRef}
                view={view}
                width={laneWidth}
                height={RULER_HEIGHT_PX}
                bpm={bpm}
                lengthSec={lengthSec}
                transport={transport}
                loop={transportNow.loop}
                onLoopDraft={setLoopDraft}
                onReveal={reveal}
              />
            </div>
            <div ref={lanesScrollRef} className="timeline__lanes-scroll">
              {loading ? (
                <Loading label="Loading the tracks…" />
              ) : tracks.length === 0 ? (
                <div className="timeline__empty">
                  {mayAdd ? 'Drop audio files here, or use Add stems…, to create a track per file.' : 'No tracks yet.'}
                </div>
              ) : (
                <ul className="timeline__lanes" aria-label="Tracks" style={{ ['--lane-header' as string]: `${HEADER_WIDTH_PX}px` }}>
                  {tracks.map((track) => (
                    <TimelineLane
                      key={track.id}
                      track={track}
                      model={model}
                      view={view}
                      width={laneWidth}
                      canRename={canManage && live}
                      canReplace={mayReplace(track.id)}
                      dropTarget={drop?.kind === 'track' && drop.trackId === track.id}
                      canAutomate={mayReplace(track.id)}
                      onReveal={reveal}
                      onExtent={onExtent}
                    />
                  ))}
                </ul>
              )}
            </div>
            <TimelineOverlay
              view={view}
              width={laneWidth}
              left={HEADER_WIDTH_PX}
              rulerHeight={RULER_HEIGHT_PX}
              loop={loopDraft ?? transportNow.loop}
              looping={loopDraft !== null || transportNow.looping}
              remotePlayheads={remotePlayheads}
              playheadRef={transport ? playheadRef : null}
            />
          </div>
          <div
            ref={scrollbarRef}
            className="timeline__scrollbar"
            style={{ marginLeft: HEADER_WIDTH_PX }}
            onScroll={(e) => {
              const left = e.currentTarget.scrollLeft;
              setView((v) => (Math.abs(v.startSec * v.pxPerSec - left) < 1 ? v : { ...v, startSec: left / v.pxPerSec }));
            }}
          >
            <div style={{ width: lengthSec * view.pxPerSec, height: 1 }} />
          </div>
          {dropNew && (
            <div className="timeline__dropzone" aria-hidden="true">
              <strong>Drop to add {tracks.length ? 'new tracks' : 'tracks'}</strong>
              <span>One track per file · WAV, AIFF, FLAC, MP3</span>
            </div>
          )}
        </div>
        {uploads.length > 0 && queue && (
          <UploadsPanel uploads={uploads} trackNames={trackNames} onCancel={(id) => queue.cancel(id)} onClearFinished={() => queue.clearFinished()} />
        )}
      </div>
    </div>
  );
}
