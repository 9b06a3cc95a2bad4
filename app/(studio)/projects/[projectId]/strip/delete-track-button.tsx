'use client';

import { useRef, useState } from 'react';
import { Button } from '../../../../_components/button';
import { Popover } from '../common/popover';

export interface DeleteTrackButtonProps {
  trackName: string;
  disabled: boolean;
  onDelete(): void;
}

/** Delete in two steps: the trash button opens a confirmation dialog ("Delete <name>?"). */
export function DeleteTrackButton({ trackName, disabled, onDelete }: DeleteTrackButtonProps) {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={anchor}
        type="button"
        className="strip__icon-btn strip__icon-btn--danger"
        aria-label={`Delete ${trackName}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        title={`Delete ${trackName}`}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" />
        </svg>
      </button>
      {open && (
        <Popover anchorRef={anchor} label={`Delete ${trackName}?`} className="popover--danger" onClose={() => setOpen(false)}>
          <div className="popover__title">Delete “{trackName}”?</div>
          <p className="popover__text">The track and its strip settings go for everyone. Undo brings them back.</p>
          <div className="actions actions--end">
            <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              size="sm"
              variant="danger-solid"
              onClick={() => {
                setOpen(false);
                onDelete();
              }}
            >
              Delete
            </Button>
          </div>
        </Popover>
      )}
    </>
  );
}
