'use client';

import { type CSSProperties, type KeyboardEvent, useId, useRef, useState } from 'react';
import { fromPosition, type ParamSpec, stepParam, toPosition } from './param-spec';
import { formatParam, PARAM_INPUT_HINT, paramValueText, parseParam } from './param-text';
import { useSliderGesture } from './use-slider-gesture';

export interface KnobProps {
  /** Accessible name, e.g. "Bass trim", "Bass EQ peak 1 gain". */
  label: string;
  /** Short visible caption: "Trim", "Freq", "Thresh". */
  caption?: string;
  spec: ParamSpec;
  value: number;
  disabled: boolean;
  /** @default 'md' (40 px); 'sm' is 28 px, for sends. */
  size?: 'sm' | 'md';
  /** The arc's colour (an EQ band's); defaults to the track colour. */
  color?: string;
  describedBy?: string;
  /** `data-control` for presence marks. */
  control?: string;
  /** Someone else is touching this control: their name and colour mark it. */
  touchedBy?: { name: string; color: string };
  /** The document path it edits (`tracks/<id>/strip/gainDb`): blame shows who changed it last. */
  paramPath?: string;
  /** ARIA value range and value as numbers: pan reports -100..100. @default the spec's own */
  ariaScale?: number;
  className?: string;
  onChange(value: number): void;
  onCommit(): void;
  onSet(value: number): void;
}

/** Pixels of drag (up or right) over the whole range; Shift makes it five times finer. */
const KNOB_TRAVEL_PX = 180;
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

/**
 * A rotary control (ARIA slider) for one strip parameter: drag up or right to raise it (Shift for
 * fine), arrows / Page Up/Down / Home / End, double-click to reset to the default. The readout
 * below can be typed into: double-click it, or press Enter on the knob; Enter applies, Escape
 * cancels, and an unreadable value is refused with a hint while the old value stays.
 */
export function Knob({
  label,
  caption,
  spec,
  value,
  disabled,
  size = 'md',
  color,
  describedBy,
  control,
  touchedBy,
  paramPath,
  ariaScale = 1,
  className,
  onChange,
  onCommit,
  onSet,
}: KnobProps) {
  const knobRef = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const { shown, dragging, handlers } = useSliderGesture({
    value,
    disabled,
    min: spec.min,
    max: spec.max,
    defaultValue: spec.defaultValue,
    toPosition: (v) => toPosition(spec, v),
    fromPosition: (p) => fromPosition(spec, p),
    step: (v, direction, stepSize) => stepParam(spec, v, direction, stepSize),
    travelPx: () => KNOB_TRAVEL_PX,
    onChange,
    onCommit,
    onSet,
  });

  const position = toPosition(spec, shown);
  const angle = -SWEEP_DEG + position * 2 * SWEEP_DEG;
  const origin = spec.bipolar ? -SWEEP_DEG + toPosition(spec, spec.defaultValue) * 2 * SWEEP_DEG : -SWEEP_DEG;
  const [tx, ty] = polar(angle, 9);
  const text = formatParam(spec.unit, shown);

  const startEditing = () => {
    if (disabled) return;
    setDraft(text === '-∞' ? '-inf' : text);
    setError(null);
  };
  const stopEditing = (refocus: boolean) => {
    setDraft(null);
    if (refocus) knobRef.current?.focus();
  };
  const apply = (refocus: boolean): boolean => {
    if (draft === null) return true;
    const parsed = parseParam(spec, draft);
    if (parsed === null) {
      setError(PARAM_INPUT_HINT[spec.unit]);
      return false;
    }
    setError(null);
    stopEditing(refocus);
    if (parsed !== value) onSet(parsed);
    return true;
  };

  const onKnobKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && !disabled) {
      e.preventDefault();
      startEditing();
      return;
    }
    handlers.onKeyDown(e);
  };

  return (
    <div
      className={['knob', `knob--${size}`, disabled && 'knob--disabled', className].filter(Boolean).join(' ')}
      style={color ? ({ '--knob-color': color } as CSSProperties) : undefined}
    >
      {caption && (
        <span className="knob__caption" aria-hidden="true">
          {caption}
        </span>
      )}
      <div
        ref={knobRef}
        role="slider"
        aria-label={label}
        aria-orientation="vertical"
        aria-valuemin={spec.min * ariaScale}
        aria-valuemax={spec.max * ariaScale}
        aria-valuenow={Math.round(shown * ariaScale * 1000) / 1000}
        aria-valuetext={paramValueText(spec.unit, shown)}
        aria-disabled={disabled || undefined}
        aria-describedby={describedBy}
        aria-keyshortcuts={disabled ? undefined : 'Enter'}
        tabIndex={disabled ? -1 : 0}
        title={disabled ? undefined : 'Drag up or right (Shift: fine). Double-click to reset. Enter to type a value.'}
        data-control={control}
        data-param-path={paramPath}
        data-touched-by={touchedBy?.name}
        className={['knob__dial', dragging && 'knob__dial--active'].filter(Boolean).join(' ')}
        style={touchedBy && ({ '--touch-color': touchedBy.color } as CSSProperties)}
        {...handlers}
        onKeyDown={onKnobKeyDown}
      >
        <svg viewBox="0 0 40 40" aria-hidden="true">
          <path className="knob__ring" d={arc(-SWEEP_DEG, SWEEP_DEG, 17)} />
          {Math.abs(angle - origin) > 0.5 && <path className="knob__amount" d={arc(Math.min(origin, angle), Math.max(origin, angle), 17)} />}
          <circle className="knob__body" cx="20" cy="20" r="12.5" />
          <line className="knob__pointer" x1="20" y1="20" x2={tx.toFixed(2)} y2={ty.toFixed(2)} />
        </svg>
      </div>
      {draft === null ? (
        <span className="knob__value" aria-hidden="true" onDoubleClick={startEditing} title={disabled ? undefined : 'Double-click to type a value'}>
          {text}
        </span>
      ) : (
        <input
          className="knob__input"
          aria-label={`${label} value`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          inputMode="decimal"
          spellCheck={false}
          autoComplete="off"
          autoFocus
          value={draft}
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
          onBlur={() => {
            // Leaving an unreadable value keeps the old one, silently.
            if (!apply(false)) {
              setError(null);
              stopEditing(false);
            }
          }}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Enter') {
              e.preventDefault();
              apply(true);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              setError(null);
              stopEditing(true);
            }
          }}
        />
      )}
      {error && (
        <span id={errorId} role="alert" className="knob__error">
          {error}
        </span>
      )}
    </div>
  );
}
