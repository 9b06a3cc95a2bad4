'use client';

import { useRef, useState } from 'react';
import type { MemberDto } from '../../../../../lib/api/dto';
import { Button } from '../../../../_components/button';
import { ROLE_LABELS } from '../../../../_lib/format';
import { memberName } from '../common/members';
import { Popover } from '../common/popover';

export interface AssignButtonProps {
  trackName: string;
  assignees: readonly string[];
  /** Members who can be assigned: mixers and leads. */
  candidates: readonly MemberDto[];
  /** The member list is still loading. */
  loading: boolean;
  disabled: boolean;
  onChange(userIds: string[]): void;
}

/** The lead's "Assign" button and its list of project members, each a checkbox applied at once. */
export function AssignButton({ trackName, assignees, candidates, loading, disabled, onChange }: AssignButtonProps) {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLButtonElement>(null);
  const assigned = new Set(assignees);

  return (
    <>
      <button
        ref={anchor}
        type="button"
        className="strip__icon-btn strip__assign-btn"
        aria-label={`Assign ${trackName}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        title={`Assign ${trackName} to mixers`}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="6" cy="5.5" r="2.5" />
          <path d="M1.5 13.5c.6-2.6 2.3-4 4.5-4s3.9 1.4 4.5 4" />
          <path d="M12.5 5v5M10 7.5h5" />
        </svg>
      </button>
      {open && (
        <Popover anchorRef={anchor} label={`Assign ${trackName}`} onClose={() => setOpen(false)}>
          <div className="popover__title">Assign “{trackName}”</div>
          <p className="popover__text">Assigned engineers can edit this strip.</p>
          {loading ? (
            <p className="popover__text">Loading members…</p>
          ) : candidates.length === 0 ? (
            <p className="popover__text">No mixers in this project yet. Add them in Settings.</p>
          ) : (
            <ul className="assign-list">
              {candidates.map((m) => {
                const checked = assigned.has(m.userId);
                return (
                  <li key={m.userId}>
                    <label className="assign-list__item">
                      <input
                        type="checkbox"
                        checked={checked}
                        onChange={() => {
                          const next = checked ? assignees.filter((id) => id !== m.userId) : [...assignees, m.userId];
                          onChange(next);
                        }}
                      />
                      <span className="assign-list__name">{memberName(m)}</span>
                      <span className={`assign-list__role assign-list__role--${m.role}`} aria-hidden="true">
                        {ROLE_LABELS[m.role]}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
          <div className="actions actions--end">
            <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
              Done
            </Button>
          </div>
        </Popover>
      )}
    </>
  );
}
