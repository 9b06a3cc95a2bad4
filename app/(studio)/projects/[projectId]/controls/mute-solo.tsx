'use client';

import type { HTMLAttributes } from 'react';

export interface MuteSoloProps {
  /** "Bass", "Reverb bus": the buttons are "<name> mute" and "<name> solo". */
  name: string;
  mute: boolean;
  solo: boolean;
  disabled: boolean;
  onMute(on: boolean): void;
  onSolo(on: boolean): void;
  /** More attributes per button (presence marks on a track strip). */
  muteProps?: HTMLAttributes<HTMLButtonElement>;
  soloProps?: HTMLAttributes<HTMLButtonElement>;
  /** The document paths they edit: blame shows who changed each last. */
  mutePath?: string;
  soloPath?: string;
}

/** The M and S buttons of a strip (toggle buttons, aria-pressed). */
export function MuteSolo({ name, mute, solo, disabled, onMute, onSolo, muteProps, soloProps, mutePath, soloPath }: MuteSoloProps) {
  return (
    <div className="strip__toggles">
      <button
        type="button"
        className="strip__toggle strip__toggle--mute"
        aria-label={`${name} mute`}
        aria-pressed={mute}
        {...muteProps}
        data-param-path={mutePath}
        title={mute ? 'Unmute (M)' : 'Mute (M)'}
        disabled={disabled}
        onClick={() => onMute(!mute)}
      >
        M
      </button>
      <button
        type="button"
        className="strip__toggle strip__toggle--solo"
        aria-label={`${name} solo`}
        aria-pressed={solo}
        {...soloProps}
        data-param-path={soloPath}
        title={solo ? 'Unsolo (S)' : 'Solo (S)'}
        disabled={disabled}
        onClick={() => onSolo(!solo)}
      >
        S
      </button>
    </div>
  );
}
