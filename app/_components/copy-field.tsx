'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Button } from './button';

export interface CopyFieldProps {
  label: string;
  value: string;
}

/** A read-only value with a Copy button; the confirmation is announced, the button keeps its name. */
export function CopyField({ label, value }: CopyFieldProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    let ok = false;
    try {
      await navigator.clipboard.writeText(value);
      ok = true;
    } catch {
      // Clipboard API refused (permissions, insecure context): fall back to a selection copy.
      inputRef.current?.select();
      ok = document.execCommand?.('copy') ?? false;
    }
    setStatus(ok ? 'Copied to the clipboard' : 'Could not copy: select it and copy by hand');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus(''), 2500);
  }

  return (
    <div className="field">
      <div className="field__label-row">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        <span className="copy-field__status" role="status">
          {status}
        </span>
      </div>
      <div className="copy-field__row">
        <input
          ref={inputRef}
          id={id}
          className="input input--mono"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button onClick={copy}>Copy</Button>
      </div>
    </div>
  );
}
