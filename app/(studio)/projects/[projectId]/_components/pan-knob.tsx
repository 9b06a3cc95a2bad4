'use client';

import type { CSSProperties } from 'react';
import { clampPan, formatPan, PAN_CENTER, stepPan } from '../_lib/fader-scale';
import { useSliderGesture } from '../_lib/use-slider-gesture';

export interface PanKnobProps {
  /** Accessible name, e.g. "Bass pan". */
  label: string;
  /** -1 (left) .. 1 (right). */
  value: number;
  disabled: boolean;
  describedBy?: string;
  /** Someone else is touching this control: their name and colour mark it. */
  touchedBy?: { name: string; color: string };
  onChange(pan: number): void;
  onCommit(): void;
  onSet(pan: number): void;
}

/** Pixels of drag (up or right) from hard left to hard right. */
const KNOB_TRAVEL_PX = 160;
/** The knob turns 135° each way from its top. */
const SWEEP_DEG = 135;

function polar(deg: number, r: number): [number, number] {
  const rad = ((deg - 90) * Math.PI) / 180;
  return [20 + r * Math.cos(rad), 20 + r * Math.sin(rad)];
}

function arc(fromDeg: number, toDeg: number, r: number): string {
  const [x0, y0] = polar(fromDeg, r);
  const [x1, y1] = polar(toDeg, r);
  const large = Math.abs(toDeg - fromDeg) > 180 ? 1 : 0;
  const sweep = toDeg > fromDeg ? 1 : 0;
  return `M ${x0.toFixed(2)} ${y0.toFixed(2)} A ${r} ${r} 0 ${large} ${sweep} ${x1.toFixed(2)} ${y1.toFixed(2)}`;
}

/** A pan knob (ARIA slider, L100 .. C .. R100): drag up or right to pan right. */
export function PanKnob({ label, value, disabled, describedBy, touchedBy, onChange, onCommit, onSet }: PanKnobProps) {
  const { shown, dragging, handlers } = useSliderGesture({
    value,
    disabled,
    min: -1,
    max: 1,
    defaultValue: PAN_CENTER,
    toPosition: (pan) => (pan + 1) / 2,
    fromPosition: (position) => clampPan(position * 2 - 1),
    step: stepPan,
    travelPx: () => KNOB_TRAVEL_PX,
    onChange,
    onCommit,
    onSet,
  });
  const angle = shown * SWEEP_DEG;
  const [tx, ty] = polar(angle, 9);
  const text = formatPan(shown);

  return (
    <div className="pan">
      <div
        role="slider"
        aria-label={label}
        aria-orientation="horizontal"
        aria-valuemin={-100}
        aria-valuemax={100}
        aria-valuenow={Math.round(shown * 100)}
        aria-valuetext={text}
        aria-disabled={disabled || undefined}
        aria-describedby={describedBy}
        tabIndex={disabled ? -1 : 0}
        title={disabled ? undefined : 'Drag up or right to pan right (Shift for fine steps). Double-click to centre.'}
        data-control="pan"
        data-touched-by={touchedBy?.name}
        style={touchedBy && ({ '--touch-color': touchedBy.color } as CSSProperties)}
        className={['pan__knob', dragging && 'pan__knob--active'].filter(Boolean).join(' ')}
        {...handlers}
      >
        <svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true">
          <path className="pan__ring" d={arc(-SWEEP_DEG, SWEEP_DEG, 17)} />
          {Math.abs(angle) > 0.5 && <path className="pan__amount" d={arc(Math.min(0, angle), Math.max(0, angle), 17)} />}
          <circle className="pan__body" cx="20" cy="20" r="12.5" />
          <line className="pan__pointer" x1="20" y1="20" x2={tx.toFixed(2)} y2={ty.toFixed(2)} />
        </svg>
      </div>
      <span className="pan__value" aria-hidden="true">
        {text}
      </span>
    </div>
  );
}
