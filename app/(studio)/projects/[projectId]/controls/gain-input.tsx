'use client';

import { type CSSProperties, useState } from 'react';
import { formatDb, parseDb } from './fader-scale';

export interface GainInputProps {
  /** Accessible name, e.g. "Bass gain in dB". */
  label: string;
  valueDb: number;
  disabled: boolean;
  describedBy?: string;
  /** Someone else is touching this control: their name and colour mark it. */
  touchedBy?: { name: string; color: string };
  /** The document path it edits (`tracks/<id>/strip/gainDb`): blame shows who changed it last. */
  paramPath?: string;
  onSet(db: number): void;
}

/**
 * The fader's numeric readout, which can be typed into: Enter or leaving the field applies,
 * Escape restores. Accepts '-4.5', '+3', '-inf'; values beyond the range are clamped.
 */
export function GainInput({ label, valueDb, disabled, describedBy, touchedBy, paramPath, onSet }: GainInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);

  const apply = () => {
    if (draft === null) return;
    const parsed = parseDb(draft);
    setDraft(null);
    setInvalid(parsed === null);
    if (parsed !== null && parsed !== valueDb) onSet(parsed);
  };

  return (
    <label
      className="gain-input"
      style={touchedBy && ({ '--touch-color': touchedBy.color } as CSSProperties)}
      title={invalid ? 'Type a level in dB, for example -4.5 or -inf' : undefined}>
      <input
        className="gain-input__field"
        aria-label={label}
        aria-describedby={describedBy}
        data-control="gain"
        data-param-path={paramPath}
        data-touched-by={touchedBy?.name}
        inputMode="decimal"
        spellCheck={false}
        autoComplete="off"
        disabled={disabled}
        aria-invalid={invalid || undefined}
        value={draft ?? formatDb(valueDb)}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => {
          setDraft(e.target.value);
          setInvalid(false);
        }}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          } else if (e.key === 'Escape') {
            setDraft(null);
            setInvalid(false);
          }
        }}
      />
      <span className="gain-input__unit" aria-hidden="true">
        dB
      </span>
    </label>
  );
}
