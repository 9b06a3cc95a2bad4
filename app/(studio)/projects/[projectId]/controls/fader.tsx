'use client';

import type { PointerEvent } from 'react';
import { GAIN_FLOOR_DB, GAIN_MAX_DB } from '../../../../../lib/doc';
import { dbToPosition, FADER_MARKS_DB, faderValueText, positionToDb, stepDb, UNITY_DB } from './fader-scale';
import { useSliderGesture } from './use-slider-gesture';

/** Height of the fader cap in px; the travel is the track's height minus this (see globals.css). */
const CAP_PX = 22;

export interface FaderProps {
  /** Accessible name, e.g. "Bass fader". */
  label: string;
  valueDb: number;
  disabled: boolean;
  describedBy?: string;
  /** Someone else is touching this control: their name and colour mark it. */
  touchedBy?: { name: string; color: string };
  /** The document path it edits (`tracks/<id>/strip/gainDb`): blame shows who changed it last. */
  paramPath?: string;
  onChange(db: number): void;
  onCommit(): void;
  onSet(db: number): void;
}

function travel(element: HTMLElement): number {
  return Math.max(1, element.getBoundingClientRect().height - CAP_PX);
}

/**
 * A vertical fader in dB (ARIA slider): -∞ at the bottom, +12 dB at the top, finer around 0 dB.
 * Pressing the track jumps the cap there; grabbing the cap drags it from where it is.
 */
export function Fader({ label, valueDb, disabled, describedBy, touchedBy, paramPath, onChange, onCommit, onSet }: FaderProps) {
  const { shown, dragging, handlers } = useSliderGesture({
    value: valueDb,
    disabled,
    min: GAIN_FLOOR_DB,
    max: GAIN_MAX_DB,
    defaultValue: UNITY_DB,
    toPosition: dbToPosition,
    fromPosition: positionToDb,
    step: stepDb,
    travelPx: travel,
    pressPosition(element: HTMLElement, e: PointerEvent<HTMLElement>) {
      if ((e.target as HTMLElement).closest('.fader__cap')) return null;
      const rect = element.getBoundingClientRect();
      return 1 - (e.clientY - rect.top - CAP_PX / 2) / travel(element);
    },
    onChange,
    onCommit,
    onSet,
  });
  const at = (db: number) => ({ ['--p' as string]: dbToPosition(db).toFixed(4) });

  return (
    <div className="fader">
      <div className="fader__scale" aria-hidden="true">
        {FADER_MARKS_DB.map((db) => (
          <span
            key={db}
            className={['fader__mark', db === UNITY_DB && 'fader__mark--unity'].filter(Boolean).join(' ')}
            style={at(db)}
          >
            {db === GAIN_FLOOR_DB ? '-∞' : db > 0 ? `+${db}` : db}
          </span>
        ))}
      </div>
      <div
        role="slider"
        aria-label={label}
        aria-orientation="vertical"
        aria-valuemin={GAIN_FLOOR_DB}
        aria-valuemax={GAIN_MAX_DB}
        aria-valuenow={shown}
        aria-valuetext={faderValueText(shown)}
        aria-disabled={disabled || undefined}
        aria-describedby={describedBy}
        tabIndex={disabled ? -1 : 0}
        title={disabled ? undefined : 'Drag, or use the arrow keys (Shift for fine steps). Double-click for 0 dB.'}
        data-control="fader"
        data-param-path={paramPath}
        data-touched-by={touchedBy?.name}
        className={['fader__track', dragging && 'fader__track--active'].filter(Boolean).join(' ')}
        style={{ ...at(shown), ...(touchedBy && { ['--touch-color' as string]: touchedBy.color }) }}
        {...handlers}
      >
        <div className="fader__groove" aria-hidden="true">
          <div className="fader__fill" />
        </div>
        <div className="fader__unity" aria-hidden="true" style={at(UNITY_DB)} />
        <div className="fader__cap" aria-hidden="true">
          <span className="fader__cap-line" />
        </div>
      </div>
    </div>
  );
}
