'use client';

import { useState } from 'react';
import { MAX_NAME_CHARS } from '../../../../../lib/doc';

export interface TrackNameProps {
  name: string;
  /** The lead may rename: double-click the name, or the strip's Rename button sets `editing`. */
  canRename: boolean;
  editing: boolean;
  onEditingChange(editing: boolean): void;
  /** Returns an error message, or null when renamed. */
  onRename(name: string): string | null;
}

/** The track's name at the top of its strip; for the lead, renamed in place (Enter saves, Escape cancels). */
export function TrackName({ name, canRename, editing, onEditingChange, onRename }: TrackNameProps) {
  if (editing && canRename) return <RenameInput name={name} onDone={() => onEditingChange(false)} onRename={onRename} />;
  return (
    <div
      className="strip__name"
      title={canRename ? `${name} (double-click to rename)` : name}
      onDoubleClick={canRename ? () => onEditingChange(true) : undefined}
    >
      {name}
    </div>
  );
}

function RenameInput({ name, onDone, onRename }: { name: string; onDone(): void; onRename(name: string): string | null }) {
  const [draft, setDraft] = useState(name);
  const [error, setError] = useState<string | null>(null);

  const save = () => {
    const value = draft.trim();
    if (value === name) return onDone();
    if (!value) return setError('A track needs a name');
    const failed = onRename(value);
    if (failed) return setError(failed);
    onDone();
  };

  return (
    <div className="strip__rename">
      <input
        className="strip__rename-input"
        aria-label={`New name for ${name}`}
        aria-invalid={error ? true : undefined}
        title={error ?? 'Enter saves, Escape cancels'}
        value={draft}
        maxLength={MAX_NAME_CHARS}
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(null);
        }}
        onBlur={() => (draft.trim() ? save() : onDone())}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onDone();
          }
        }}
      />
      {error && <span className="strip__rename-error">{error}</span>}
    </div>
  );
}
