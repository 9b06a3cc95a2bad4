'use client';

import { useState, type ReactNode } from 'react';
import { Button } from './button';

export interface ConfirmActionProps {
  /** The button's text, both to open the confirmation and to confirm it. */
  label: string;
  /** What will happen, shown before the user confirms. */
  message: ReactNode;
  onConfirm: () => void;
  busy?: boolean;
  disabled?: boolean;
}

/**
 * A destructive action in two steps. The first button opens the confirmation in its place, so only
 * one button with the label exists at a time; Cancel or Escape closes it.
 */
export function ConfirmAction({ label, message, onConfirm, busy, disabled }: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <div>
        <Button variant="danger" disabled={disabled} onClick={() => setOpen(true)}>
          {label}
        </Button>
      </div>
    );
  }
  return (
    <div
      className="confirm"
      role="group"
      aria-label={`Confirm: ${label}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) setOpen(false);
      }}
    >
      <div>{message}</div>
      <div className="actions">
        <Button variant="danger-solid" busy={busy} onClick={onConfirm} autoFocus>
          {label}
        </Button>
        <Button variant="ghost" disabled={busy} onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
