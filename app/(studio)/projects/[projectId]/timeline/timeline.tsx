'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import { Loading } from '../../../../_components/loading';
import { useOwned } from '../common/use-owned';
import { useStore } from '../common/use-store';
import { type MixerState, mayManageTracks, mayWriteTrack } from '../mixer/mixer-model';
import { useLive, useStudio } from '../studio-context';
import { NO_TRANSPORT, sameTransportState, transportState } from '../transport/transport-state';
import type { LoopRange } from '../transport/transport-types';
import { type UploadItem, UploadQueue } from '../uploads/upload-queue';
import { UploadsPanel } from '../uploads/uploads-panel';
import { TimelineLane } from './timeline-lane';
import { TimelineOverlay } from './timeline-overlay';
import { TimelineRuler } from './timeline-ruler';
import { TimelineToolbar } from './timeline-toolbar';
import { HEADER_WIDTH_PX, RULER_HEIGHT_PX } from './timeline-view';
import { useFileDrop } from './use-file-drop';
import { usePlayhead } from './use-playhead';
import { useTimelineGestures } from './use-timeline-gestures';
import { useTimelineView } from './use-timeline-view';
import { useZoomScroll } from './use-zoom-scroll';

const NO_UPLOADS: readonly UploadItem[] = [];

const writableTrackIds = (s: MixerState) => s.mix.tracks.filter((t) => mayWriteTrack(s, t.id)).map((t) => t.id);
const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * The arrangement: one lane per track with its waveform (and, opened per track, its fader and pan
 * automation), a ruler, a shared zoom and horizontal scroll, the playhead and loop region of the
 * transport, and stem uploads (drop files, or Add stems…) with their progress.
 */
export function Timeline() {
  const { projectId, model, playback: transport } = useStudio();
  const live = useLive();
  const tracks = useStore(model, (s) => s.mix.tracks);
  const metaLengthSec = useStore(model, (s) => s.mix.meta.lengthSec);
  const bpm = useStore(model, (s) => s.mix.meta.bpm);
  const loading = useStore(model, (s) => !s.loaded && s.mix.tracks.length === 0);
  const canManage = useStore(model, mayManageTracks);
  const writable = useStore(model, writableTrackIds, sameIds);
  const queue = useOwned(() => new UploadQueue({ projectId }), [projectId]);
  const uploads = useStore(queue) ?? NO_UPLOADS;
  const transportNow = useStore(transport, transportState, sameTransportState) ?? NO_TRANSPORT;

  const trackIds = useMemo(() => tracks.map((t) => t.id), [tracks]);
  const viewState = useTimelineView(trackIds, metaLengthSec);
  const { view, laneWidth, lengthSec, maxStartSec, userZoomed, setUserZoomed, setView, onExtent, lanesScrollRef } = viewState;
  const zoomScroll = useZoomScroll(viewState);
  const { zoom, reveal } = zoomScroll;
  const fit = useCallback(() => setUserZoomed(false), [setUserZoomed]);
  const mainRef = useRef<HTMLDivElement>(null);
  const onLanesKeyDown = useTimelineGestures(mainRef, laneWidth, zoomScroll);

  const mayReplace = useCallback((trackId: string) => live && writable.includes(trackId), [live, writable]);
  const mayAdd = canManage && live;
  const { drop, handlers: dropHandlers } = useFileDrop({ queue, mayReplace, mayAdd });

  const rulerRef = useRef<HTMLDivElement>(null);
  const playheadRef = useRef<HTMLDivElement>(null);
  /** The loop region while a drag on the ruler shapes it. */
  const [loopDraft, setLoopDraft] = useState<LoopRange | null>(null);

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

  const trackNames = useMemo(() => new Map(tracks.map((t) => [t.id, t.name])), [tracks]);

  return (
    <div className={`timeline${drop ? ' timeline--dragging' : ''}`} {...dropHandlers}>
      <TimelineToolbar pxPerSec={view.pxPerSec} userZoomed={userZoomed} canManage={canManage} mayAdd={mayAdd} queue={queue} onZoom={zoom} onFit={fit} />

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
          onKeyDown={onLanesKeyDown}
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
                <div className="timeline__empty">{mayAdd ? 'Drop audio files here, or use Add stems…, to create a track per file.' : 'No tracks yet.'}</div>
              ) : (
                <ul className="timeline__lanes" aria-label="Tracks" style={{ ['--lane-header' as string]: `${HEADER_WIDTH_PX}px` }}>
                  {tracks.map((track) => (
                    <TimelineLane
                      key={track.id}
                      track={track}
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
              playheadRef={transport ? playheadRef : null}
            />
          </div>
          <div ref={zoomScroll.scrollbarRef} className="timeline__scrollbar" style={{ marginLeft: HEADER_WIDTH_PX }} onScroll={zoomScroll.onScrollbarScroll}>
            <div style={{ width: lengthSec * view.pxPerSec, height: 1 }} />
          </div>
          {drop?.kind === 'new' && (
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
