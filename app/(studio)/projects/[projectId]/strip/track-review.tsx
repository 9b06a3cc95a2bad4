'use client';

import { useRef, useState } from 'react';
import type { MixSnapshot, ReviewState } from '../../../../../lib/doc';
import { displayText } from '../../../../../lib/names';
import { Button } from '../../../../_components/button';
import { Popover } from '../common/popover';
import { useStore } from '../common/use-store';
import { useLive, useStudio } from '../studio-context';

export const TRACK_REVIEW_TEXT: Record<ReviewState, string> = {
  in_progress: 'In progress',
  ready: 'Ready',
  approved: 'Approved',
  changes_requested: 'Changes requested',
};

/** What each state's button says, for the one who sets it. */
const ACTION_TEXT: Record<ReviewState, string> = {
  in_progress: 'Back to in progress',
  ready: 'Mark ready',
  approved: 'Approve',
  changes_requested: 'Request changes…',
};

/**
 * A track's review state on its strip, and the decisions the user may take on it: the assigned
 * mixer marks it ready (or back in progress); the lead approves it or requests changes with a
 * note. What is offered comes from the model's `reviewChoices` (the gate's rules).
 */
export function TrackReview({ track }: { track: MixSnapshot['tracks'][number] }) {
  const { model } = useStudio();
  const live = useLive();
  // Choices depend on assignments and the role: read them again whenever the model changes.
  const choices = useStore(model, (s) => (s.loaded ? model.reviewChoices(track.id) : null), (a, b) => JSON.stringify(a) === JSON.stringify(b));
  const [open, setOpen] = useState(false);
  const [noting, setNoting] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const anchor = useRef<HTMLButtonElement>(null);
  const { state, note: current } = track.review;
  const name = displayText(track.name);
  const offered = (choices?.states ?? []).filter((s) => s !== state && (s !== 'changes_requested' || choices?.note));

  const apply = (next: ReviewState, withNote?: string) => {
    const failed = model.setTrackReview(track.id, next, withNote ?? (next === 'approved' && choices?.note ? '' : undefined));
    setError(failed);
    if (!failed) {
      setNoting(false);
      setNote('');
    }
  };

  return (
    <>
      <button
        ref={anchor}
        type="button"
        className={`strip__review strip__review--${state}`}
        aria-label={`${name} review: ${TRACK_REVIEW_TEXT[state]}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        title={`Review: ${TRACK_REVIEW_TEXT[state]}${state === 'changes_requested' && current ? ` — ${displayText(current)}` : ''}`}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">{TRACK_REVIEW_TEXT[state]}</span>
      </button>
      {open && (
        <Popover anchorRef={anchor} label={`Review ${name}`} widthPx={280} onClose={() => setOpen(false)}>
          <div className="popover__title">
            {name}: {TRACK_REVIEW_TEXT[state]}
          </div>
          {state === 'changes_requested' && current && <p className="popover__text track-review__note">{displayText(current)}</p>}
          {offered.length === 0 ? (
            <p className="popover__text">The assigned mixer marks a track ready; the lead approves it or requests changes.</p>
          ) : (
            <div className="track-review__actions">
              {offered.map((s) => (
                <Button
                  key={s}
                  size="sm"
                  variant={s === 'approved' ? 'primary' : s === 'changes_requested' ? 'danger' : 'secondary'}
                  disabled={!live}
                  aria-expanded={s === 'changes_requested' ? noting : undefined}
                  onClick={() => (s === 'changes_requested' ? setNoting((n) => !n) : apply(s))}
                >
                  {ACTION_TEXT[s]}
                </Button>
              ))}
            </div>
          )}
          {noting && (
            <form
              className="track-review__form"
              onSubmit={(e) => {
                e.preventDefault();
                if (note.trim()) apply('changes_requested', note.trim());
              }}
            >
              <textarea className="input" aria-label="What should change" rows={3} maxLength={2000} value={note} autoFocus onChange={(e) => setNote(e.currentTarget.value)} />
              <Button type="submit" size="sm" variant="danger-solid" disabled={note.trim() === '' || !live}>
                Request changes
              </Button>
            </form>
          )}
          {error && (
            <p className="popover__text track-review__error" role="alert">
              {error}
            </p>
          )}
        </Popover>
      )}
    </>
  );
}
