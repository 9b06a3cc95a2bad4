'use client';

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { CreateRevisionRequest, RevisionKind } from '../../../../../lib/api/dto';
import { hasControlChars } from '../../../../../lib/names';
import { Button } from '../../../../_components/button';
import { TextField } from '../../../../_components/text-field';

export interface PublishDialogProps {
  /** The kinds the user may publish (`publishableKinds`), mix first. */
  kinds: readonly RevisionKind[];
  /** The number the next revision will probably get, for the suggested title. */
  nextNumber: number;
  onPublish(request: CreateRevisionRequest): void;
  onClose(): void;
}

const KIND_TEXT: Record<RevisionKind, { title: string; hint: string }> = {
  mix: { title: 'Mix', hint: 'the mix as it is now, before the master section' },
  master: { title: 'Master', hint: 'through the master section, to its loudness target' },
};

/** Limits of the API (lib/api/dto `createRevisionRequest`), checked here to say so before sending. */
const TITLE_MAX = 200;
const NOTES_MAX = 10_000;

/**
 * "Publish a revision": a title, notes and, for the lead, mix or master. A modal dialog (the page
 * behind it stays as it is); publishing closes it and the panel shows the render's progress.
 */
export function PublishDialog({ kinds, nextNumber, onPublish, onClose }: PublishDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [kind, setKind] = useState<RevisionKind>(kinds[0] ?? 'mix');
  const suggested = `${KIND_TEXT[kind].title} ${nextNumber}`;
  const [title, setTitle] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const notesId = useId();
  const headingId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = (title ?? suggested).trim();
    if (!text) return setError('Give the revision a title');
    if (text.length > TITLE_MAX) return setError(`At most ${TITLE_MAX} characters`);
    if (hasControlChars(text)) return setError('The title must not contain control characters');
    onPublish({ title: text, notes: notes.slice(0, NOTES_MAX), kind });
  };

  return (
    <dialog
      ref={ref}
      className="publish-dialog"
      aria-labelledby={headingId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form className="publish-dialog__form" onSubmit={submit}>
        <h2 id={headingId} className="publish-dialog__title">
          Publish a revision
        </h2>
        <p className="publish-dialog__intro">
          Takes the live mix as it is now into a revision everyone can play and compare. Your browser renders it and uploads the render.
        </p>
        {kinds.length > 1 && (
          <fieldset className="publish-dialog__kinds">
            <legend className="field__label">Kind</legend>
            {kinds.map((k) => (
              <label key={k} className="publish-dialog__kind">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                <span>
                  <strong>{KIND_TEXT[k].title}</strong> <span className="publish-dialog__hint">{KIND_TEXT[k].hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <TextField
          label="Title"
          value={title ?? suggested}
          maxLength={TITLE_MAX}
          error={error ?? undefined}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => {
            setTitle(e.currentTarget.value);
            setError(null);
          }}
        />
        <div className="field">
          <label className="field__label" htmlFor={notesId}>
            Notes <span className="field__optional">(optional)</span>
          </label>
          <textarea
            id={notesId}
            className="input publish-dialog__notes"
            rows={3}
            maxLength={NOTES_MAX}
            placeholder="What changed, what to listen for"
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
        </div>
        <div className="actions">
          <Button type="submit" variant="primary">
            Publish {KIND_TEXT[kind].title.toLowerCase()}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </dialog>
  );
}
