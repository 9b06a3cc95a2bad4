'use client';

import { useId, useLayoutEffect, useMemo, useRef } from 'react';
import type { AutomationPoint, MixSnapshot } from '../../../../../lib/doc';
import { Button } from '../../../../_components/button';
import { indexRange } from './automation-points';
import { drawAutomationLane } from './draw-automation';
import { type EditableLane, laneScale, positionToY } from './lane-scale';
import { useStudio } from '../studio-context';
import { formatTimeMs, secToX, type TimelineView, xToSec } from './timeline-view';
import { useAutomationLane } from './use-automation-lane';

export const AUTOMATION_LANE_HEIGHT_PX = 48;
/**
 * Points on screen that get an element of their own (an accessible slider) per lane; a denser lane
 * is only drawn, and only its selected point has an element.
 */
const MAX_POINT_ELEMENTS = 256;
const NO_POINTS: readonly AutomationPoint[] = [];

export interface AutomationLaneProps {
  track: MixSnapshot['tracks'][number];
  param: EditableLane;
  /** The bus or insert a send or bypass lane is about, for its label. */
  name?: string;
  view: TimelineView;
  /** CSS pixels of the lane area (as the waveform's). */
  width: number;
  /** The user may write this track's automation now (assigned, and the room is live). */
  writable: boolean;
  /** Bring a time on screen (a point chosen with the keyboard). */
  onReveal(sec: number): void;
}

/** One automation lane of a track (fader or pan) under its waveform: the curve, its points, editing. */
export function AutomationLane({ track, param, name, view, width, writable, onReveal }: AutomationLaneProps) {
  const { model } = useStudio();
  const scale = useMemo(() => laneScale(param, name), [param, name]);
  const points = track.automation[param] ?? NO_POINTS;
  const staticValue = staticValueOf(track, param);
  const height = AUTOMATION_LANE_HEIGHT_PX;
  const lane = useAutomationLane({
    scale,
    points,
    view,
    widthPx: width,
    heightPx: height,
    writable,
    setLane: (next) => model.track(track.id).setLane(param, next),
    onReveal,
  });
  const { shown, selected, erase } = lane;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const idPrefix = useId();
  const label = `${track.name} ${scale.label.toLowerCase()} automation`;

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width <= 0) return;
    drawAutomationLane(canvas, { view, width, height, color: track.color, scale, points: shown, staticValue, selected, erase });
  }, [view, width, height, track.color, scale, shown, staticValue, selected, erase]);

  const [first, end] = indexRange(shown, view.startSec, xToSec(view, width));
  const onScreen = end - first <= MAX_POINT_ELEMENTS ? Array.from({ length: end - first }, (_, k) => first + k) : [];
  const elements = selected !== null && !onScreen.includes(selected) ? [...onScreen, selected] : onScreen;
  const pointId = (index: number) => `${idPrefix}-p${index}`;

  return (
    <div className="auto-lane" data-param={param}>
      <div className="auto-lane__head">
        <span className="auto-lane__label">{scale.label}</span>
        {writable && (
          <Button size="sm" variant="ghost" aria-label={`Clear ${label}`} title="Clear lane" disabled={points.length === 0} onClick={lane.clear}>
            Clear
          </Button>
        )}
      </div>
      <div className="auto-lane__main">
        <div
          className={`auto-lane__body${writable ? ' auto-lane__body--writable' : ''}`}
          role="group"
          aria-label={label}
          aria-activedescendant={selected !== null ? pointId(selected) : undefined}
          aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Delete"
          title={
            writable
              ? 'Click to add a point, drag to move it (Shift: fine), double-click or Delete removes it, Alt + drag erases'
              : 'Left and Right pick a point to read its value'
          }
          tabIndex={0}
          style={{ width, height }}
          {...lane.handlers}
        >
          <canvas ref={canvasRef} className="auto-lane__canvas" aria-hidden="true" style={{ width, height }} />
          {elements.map((i) => {
            const [sec, value] = shown[i];
            return (
              <div
                key={i}
                id={pointId(i)}
                className="auto-lane__point"
                role="slider"
                aria-label={`${label} point at ${formatTimeMs(sec)}`}
                aria-valuemin={scale.min}
                aria-valuemax={scale.max}
                aria-valuenow={value}
                aria-valuetext={scale.format(value)}
                aria-readonly={writable ? undefined : true}
                data-selected={i === selected ? 'true' : undefined}
                style={{ left: secToX(view, sec), top: positionToY(scale.toPosition(value), height) }}
              />
            );
          })}
        </div>
        {lane.error && (
          <div className="auto-lane__error" role="alert">
            <span>{lane.error}</span>
            <button type="button" className="auto-lane__error-close" aria-label="Dismiss" onClick={lane.dismissError}>
              ×
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

/** The value a lane stands in for while it has no points: the strip's own setting. */
function staticValueOf(track: MixSnapshot['tracks'][number], param: EditableLane): number {
  if (param === 'gainDb' || param === 'pan') return track.strip[param];
  if (param === 'mute') return track.strip.mute ? 1 : 0;
  if (param.startsWith('bypass:')) return track.strip.inserts[param.slice(7)]?.bypass ? 1 : 0;
  return track.strip.sends[param.slice(5)]?.levelDb ?? -144;
}
