'use client';

import { useId, useState } from 'react';
import { displayText } from '../../../../../lib/names';
import { Button } from '../../../../_components/button';
import { CommentTextarea } from './comment-textarea';
import { formatTimecode, parseTimecode } from './timecode';

/** Where a new comment goes: a time or a range, and optionally a track. */
export interface CommentDraft {
  atSec: number;
  endSec: number | null;
  trackId: string | null;
}

export interface CommentComposerProps {
  draft: CommentDraft;
  /** The tracks of the revision, to anchor the comment to one. */
  tracks: ReadonlyArray<{ id: string; name: string }>;
  durationSec: number;
  busy: boolean;
  error: string | null;
  onDraft(draft: CommentDraft): void;
  onSubmit(body: string): Promise<boolean>;
  onCancel(): void;
}

/**
 * The form of a new comment: its time (and end, for a range) as typed timecodes, the track it is
 * about, and the text. Ctrl+Enter posts; Escape cancels.
 */
export function CommentComposer({ draft, tracks, durationSec, busy, error, onDraft, onSubmit, onCancel }: CommentComposerProps) {
  const id = useId();
  const [body, setBody] = useState('');
  const [at, setAt] = useState(formatTimecode(draft.atSec));
  const [end, setEnd] = useState(draft.endSec === null ? '' : formatTimecode(draft.endSec));
  const [shownDraft, setShownDraft] = useState(draft);
  // A new pick on the waveform replaces the typed times.
  if (shownDraft.atSec !== draft.atSec || shownDraft.endSec !== draft.endSec) {
    setShownDraft(draft);
    setAt(formatTimecode(draft.atSec));
    setEnd(draft.endSec === null ? '' : formatTimecode(draft.endSec));
  }
  const atSec = parseTimecode(at);
  const endSec = end.trim() === '' ? null : parseTimecode(end);
  const timeError =
    atSec === null || atSec > durationSec
      ? `The time must be between 0:00.0 and ${formatTimecode(durationSec)}`
      : end.trim() !== '' && (endSec === null || endSec <= atSec || endSec > durationSec)
        ? 'The end must come after the start, within the revision'
        : null;

  const commit = (nextAt: string, nextEnd: string) => {
    const a = parseTimecode(nextAt);
    const e = nextEnd.trim() === '' ? null : parseTimecode(nextEnd);
    if (a !== null && (nextEnd.trim() === '' || (e !== null && e > a))) {
      const next = { ...draft, atSec: a, endSec: e };
      setShownDraft(next);
      onDraft(next);
    }
  };

  const submit = async () => {
    if (busy || timeError || body.trim() === '') return;
    if (await onSubmit(body)) setBody('');
  };

  return (
    <form
      className="composer"
      aria-label="New comment"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <div className="composer__where">
        <label htmlFor={`${id}-at`}>At</label>
        <input id={`${id}-at`} className="input composer__time" value={at} inputMode="decimal" onChange={(e) => setAt(e.currentTarget.value)} onBlur={() => commit(at, end)} aria-invalid={atSec === null || undefined} />
        <label htmlFor={`${id}-end`}>to</label>
        <input id={`${id}-end`} className="input composer__time" value={end} placeholder="(a point)" inputMode="decimal" onChange={(e) => setEnd(e.currentTarget.value)} onBlur={() => commit(at, end)} />
        <label htmlFor={`${id}-track`}>On</label>
        <select id={`${id}-track`} className="input composer__track" value={draft.trackId ?? ''} onChange={(e) => onDraft({ ...draft, trackId: e.currentTarget.value || null })}>
          <option value="">the whole mix</option>
          {tracks.map((t) => (
            <option key={t.id} value={t.id}>
              {displayText(t.name)}
            </option>
          ))}
        </select>
      </div>
      <label htmlFor={`${id}-body`} className="sr-only">
        Comment
      </label>
      <CommentTextarea
        id={`${id}-body`}
        className="input composer__body"
        placeholder="What do you hear? (plain text; links to http and https pages become clickable)"
        rows={3}
        value={body}
        onChange={setBody}
        onSubmit={() => void submit()}
      />
      {(timeError || error) && (
        <p className="composer__error" role="alert">
          {timeError ?? error}
        </p>
      )}
      <div className="composer__actions">
        <Button type="submit" variant="primary" size="sm" busy={busy} disabled={body.trim() === '' || timeError !== null}>
          Post comment
        </Button>
        <Button variant="ghost" size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <span className="composer__hint">Ctrl+Enter posts · Esc cancels</span>
      </div>
    </form>
  );
}
