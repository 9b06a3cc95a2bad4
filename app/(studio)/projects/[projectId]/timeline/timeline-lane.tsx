'use client';

import { type CSSProperties, memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MixSnapshot } from '../../../../../lib/doc';
import { useStemAnalysis, useStemPeaksJson } from '../../../../_lib/queries';
import { drawWaveform } from './draw-waveform';
import { EDITABLE_LANES, type EditableLane } from './lane-scale';
import { orderedInserts } from '../../../../../lib/doc';
import { useStore } from '../common/use-store';
import { INSERT_NAMES } from '../strip/insert-list';
import { useStudio } from '../studio-context';
import type { TimelineView } from './timeline-view';
import { parseWaveformPeaks } from './waveform-peaks';
import { AutomationLane } from './automation-lane';
import { ClipOverlay } from './clip-overlay';
import { PitchView } from './pitch-view';
import { playedStemId, trackPitch } from '../../../../../lib/audio/pitch-prepass';
import { PitchStatus } from '../strip/pitch-status';
import { TrackName } from '../common/track-name';

export const LANE_HEIGHT_PX = 40;

export interface TimelineLaneProps {
  track: MixSnapshot['tracks'][number];
  view: TimelineView;
  /** CSS pixels of the waveform area. */
  width: number;
  canRename: boolean;
  /** May drop a file here to replace (or give) this track's audio: the lead, or a mixer assigned to it. */
  canReplace: boolean;
  /** A file is being dragged over this lane. */
  dropTarget: boolean;
  /** May edit this track's automation: the lead, or a mixer assigned to it (SPEC P3), while live. */
  canAutomate: boolean;
  /** Bring a time on screen (an automation point chosen with the keyboard). */
  onReveal(sec: number): void;
  /** Where the stem ends on the timeline, once its peaks are known (for the scroll range and the first fit). */
  onExtent(trackId: string, endSec: number): void;
}

/**
 * One track on the timeline: its header (colour, name, automation toggle), its waveform drawn from
 * the stem's peaks and, when opened, its fader and pan automation lanes below.
 */
export const TimelineLane = memo(function TimelineLane({ track, view, width, canRename, canReplace, dropTarget, canAutomate, onReveal, onExtent }: TimelineLaneProps) {
  const { model } = useStudio();
  const buses = useStore(model, (s) => s.mix.buses);
  const [renaming, setRenaming] = useState(false);
  const [showAutomation, setShowAutomation] = useState(false);
  const automationId = useId();
  const automated = Object.keys(track.automation).length > 0;
  const className = ['lane', dropTarget && 'lane--drop', !track.stemId && 'lane--empty'].filter(Boolean).join(' ');
  return (
    <li className="lane-track" data-lane-id={track.id}>
      <div className={className} style={{ '--track-color': track.color } as CSSProperties}>
        <div className="lane__head">
          <span className="lane__color" aria-hidden="true" />
          <div className="lane__name">
            <TrackName
              name={track.name}
              canRename={canRename}
              editing={renaming}
              onEditingChange={setRenaming}
              onRename={(value) => model.renameTrack(track.id, value)}
            />
          </div>
          <button
            type="button"
            className={`lane__auto-toggle${automated ? ' lane__auto-toggle--on' : ''}`}
            aria-label={`${track.name} automation`}
            aria-expanded={showAutomation}
            aria-controls={automationId}
            title={automated ? 'Automation (this track has some)' : 'Automation'}
            onClick={() => setShowAutomation((v) => !v)}
          >
            A
          </button>
        </div>
        <div className="lane__body">
          {track.stemId ? (
            <Waveform
              key={track.stemId}
              track={track}
              editable={canAutomate}
              stemId={track.stemId}
              trackId={track.id}
              name={track.name}
              color={track.color}
              offsetSec={track.offsetSec}
              view={view}
              width={width}
              onExtent={onExtent}
            />
          ) : (
            <div className="lane__placeholder">{canReplace ? 'No audio — drop a file here' : 'No audio yet'}</div>
          )}
          {dropTarget && (
            <div className="lane__drop-note" aria-hidden="true">
              {track.stemId ? `Drop to replace the audio of ${track.name}` : `Drop to add audio to ${track.name}`}
            </div>
          )}
        </div>
      </div>
      <div id={automationId} className="lane-track__automation" hidden={!showAutomation}>
        {showAutomation &&
          lanesOf(track, buses).map(({ param, name }) => (
            <AutomationLane key={param} track={track} param={param} name={name} view={view} width={width} writable={canAutomate} onReveal={onReveal} />
          ))}
      </div>
    </li>
  );
});

interface WaveformProps {
  track: MixSnapshot['tracks'][number];
  /** May edit the clip: the lead, or a mixer assigned to it (SPEC P3), while live. */
  editable: boolean;
  stemId: string;
  trackId: string;
  name: string;
  color: string;
  offsetSec: number;
  view: TimelineView;
  width: number;
  onExtent(trackId: string, endSec: number): void;
}

function Waveform({ track, editable, stemId, trackId, name, color, offsetSec, view, width, onExtent }: WaveformProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const peaksQuery = useStemPeaksJson(stemId);
  const [drawn, setDrawn] = useState(false);
  const { playback } = useStudio();
  const copyId = playedStemId(track);
  const pitchParams = trackPitch(track);
  const pitch = useStore(playback, (s) => (copyId !== null && copyId !== stemId ? (s.pitch.get(copyId) ?? null) : null));
  const [hover, setHover] = useState<{ x: number; y: number } | null>(null);
  const tooltipId = useId();

  const parsed = useMemo(() => {
    if (!peaksQuery.data) return null;
    try {
      return { peaks: parseWaveformPeaks(peaksQuery.data), error: null };
    } catch (err) {
      return { peaks: null, error: (err as Error).message };
    }
  }, [peaksQuery.data]);
  const peaks = parsed?.peaks ?? null;

  useEffect(() => {
    if (peaks) onExtent(trackId, offsetSec + peaks.frames / peaks.sampleRate);
  }, [peaks, offsetSec, trackId, onExtent]);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !peaks || width <= 0) return;
    drawWaveform(canvas, { view, width, height: LANE_HEIGHT_PX, offsetSec, color, peaks });
    setDrawn(true);
  }, [peaks, view, width, offsetSec, color]);

  const error = peaksQuery.error?.message ?? parsed?.error ?? null;
  return (
    <>
      <canvas
        ref={canvasRef}
        className="lane__canvas"
        role="img"
        aria-label={`${name} waveform`}
        aria-describedby={hover ? tooltipId : undefined}
        data-drawn={drawn ? 'true' : undefined}
        tabIndex={0}
        style={{ width, height: LANE_HEIGHT_PX }}
        onPointerMove={(e) => setHover({ x: e.clientX, y: e.clientY })}
        onPointerLeave={() => setHover(null)}
        onFocus={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setHover({ x: r.left + 24, y: r.top + 8 });
        }}
        onBlur={() => setHover(null)}
        onKeyDown={(e) => e.key === 'Escape' && setHover(null)}
      />
      {peaks && pitch && <PitchView curve={pitch} name={name} offsetSec={offsetSec} view={view} width={width} height={LANE_HEIGHT_PX} />}
      {pitchParams && <PitchStatus name={name} stemId={stemId} params={pitchParams} variant="badge" />}
      {peaks && <ClipOverlay track={track} stemSec={peaks.frames / peaks.sampleRate} view={view} height={LANE_HEIGHT_PX} editable={editable} />}
      {!drawn && <div className="lane__placeholder lane__placeholder--overlay">{error ? `Waveform unavailable: ${error}` : 'Loading waveform…'}</div>}
      {hover && <StemTooltip id={tooltipId} stemId={stemId} x={hover.x} y={hover.y} />}
    </>
  );
}

/** Wide enough for the numbers line on one row. */
const TOOLTIP_WIDTH_PX = 440;

function db(value: number, unit: string): string {
  return `${value <= -144 ? '-inf' : value.toFixed(1)} ${unit}`;
}

function duration(sec: number): string {
  const m = Math.floor(sec / 60);
  const s = sec - m * 60;
  return `${m}:${s < 10 ? '0' : ''}${s.toFixed(1)}`;
}

/** The stem's analysis, next to the pointer (fixed, so the lanes' scrolling cannot clip it). */
function StemTooltip({ id, stemId, x, y }: { id: string; stemId: string; x: number; y: number }) {
  const query = useStemAnalysis(stemId);
  const left = Math.max(8, Math.min(x + 14, window.innerWidth - TOOLTIP_WIDTH_PX - 8));
  const top = y + 18 + 96 > window.innerHeight ? y - 96 : y + 18;
  let body;
  if (query.isPending) body = <span className="stem-tip__line">Loading analysis…</span>;
  else if (query.isError) body = <span className="stem-tip__line">Analysis unavailable: {query.error.message}</span>;
  else {
    const { stem, analysis: a } = query.data;
    const channels = stem.channels === 1 ? 'mono' : stem.channels === 2 ? 'stereo' : `${stem.channels} ch`;
    body = (
      <>
        <span className="stem-tip__file">{stem.filename}</span>
        {a ? (
          <span className="stem-tip__line stem-tip__numbers">
            Peak {db(a.samplePeakDbfs, 'dBFS')} · True peak {db(a.truePeakDbtp, 'dBTP')} · Loudness{' '}
            {a.integratedLufs === null ? 'n/a' : `${a.integratedLufs.toFixed(1)} LUFS`} · Clipped {a.clippedSamples}
          </span>
        ) : (
          <span className="stem-tip__line">No analysis for this stem</span>
        )}
        <span className="stem-tip__line stem-tip__meta">
          {duration(stem.durationSec)} · {channels} · source {(stem.sourceSampleRate / 1000).toFixed(1)} kHz
          {stem.sourceSampleRate !== stem.sampleRate ? `, resampled to ${(stem.sampleRate / 1000).toFixed(1)} kHz` : ''}
        </span>
      </>
    );
  }
  return (
    <div id={id} role="tooltip" className="stem-tip" style={{ left, top, maxWidth: TOOLTIP_WIDTH_PX }}>
      {body}
    </div>
  );
}

/** A track's automation lanes: fader, pan, mute, a send lane per bus, a bypass lane per insert (SPEC L7). */
function lanesOf(track: MixSnapshot['tracks'][number], buses: MixSnapshot['buses']): Array<{ param: EditableLane; name?: string }> {
  return [
    ...EDITABLE_LANES.map((param) => ({ param })),
    ...buses.map((bus) => ({ param: `send:${bus.id}` as const, name: bus.name })),
    ...orderedInserts(track.strip.inserts)
      .filter((insert) => insert.kind !== 'pitch')
      .map((insert, k) => ({ param: `bypass:${insert.id}` as const, name: `${k + 1} ${INSERT_NAMES[insert.kind]}` })),
  ];
}
