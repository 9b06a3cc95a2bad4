'use client';

import type { ReactNode } from 'react';

export interface ToggleButtonProps {
  /** Accessible name, e.g. "Bass phase", "Bass compressor on". */
  label: string;
  pressed: boolean;
  disabled: boolean;
  title?: string;
  /** Modifier of `strip__toggle`: 'phase', 'power', 'pre'. */
  variant: string;
  /** The document path it edits (`tracks/<id>/strip/gainDb`): blame shows who changed it last. */
  paramPath?: string;
  children: ReactNode;
  onToggle(pressed: boolean): void;
}

/** A console switch (aria-pressed): polarity, band and compressor power, pre/post. */
export function ToggleButton({ label, pressed, disabled, title, variant, paramPath, children, onToggle }: ToggleButtonProps) {
  return (
    <button
      type="button"
      className={`strip__toggle strip__toggle--${variant}`}
      aria-label={label}
      aria-pressed={pressed}
      title={title}
      data-param-path={paramPath}
      disabled={disabled}
      onClick={() => onToggle(!pressed)}
    >
      {children}
    </button>
  );
}
