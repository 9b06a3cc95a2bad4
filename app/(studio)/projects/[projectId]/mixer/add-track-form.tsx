'use client';

import { useState } from 'react';
import { MAX_NAME_CHARS } from '../../../../../lib/doc';
import { Button } from '../../../../_components/button';

export interface AddTrackFormProps {
  disabled: boolean;
  /** Returns an error message, or null when the track was added. */
  onAdd(name: string): string | null;
}

/** The lead's "Add track" form: a name and a button (Enter adds too). */
export function AddTrackForm({ disabled, onAdd }: AddTrackFormProps) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  return (
    <form
      className="add-track"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const value = name.trim();
        if (!value) return setError('Give the track a name');
        const failed = onAdd(value);
        if (failed) return setError(failed);
        setName('');
        setError(null);
      }}
    >
      <input
        className="input add-track__input"
        aria-label="Track name"
        placeholder="Track name"
        value={name}
        maxLength={MAX_NAME_CHARS}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'add-track-error' : undefined}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
      />
      <Button type="submit" variant="primary" disabled={disabled}>
        Add track
      </Button>
      {error && (
        <span className="field__error add-track__error" id="add-track-error">
          {error}
        </span>
      )}
    </form>
  );
}
