'use client';

import { useRef, useState } from 'react';
import { stateLabel } from '../../../../../lib/review-workflow';
import type { Role } from '../../../../../lib/roles';
import { Popover } from '../common/popover';
import { useReview, useUnread } from './use-review-queries';
import { WorkflowPanel } from './workflow-panel';

/** "2 unread comments and 1 unread decision". */
export function unreadText(comments: number, decisions: number): string {
  const parts = [comments > 0 && `${comments} unread comment${comments === 1 ? '' : 's'}`, decisions > 0 && `${decisions} unread decision${decisions === 1 ? '' : 's'}`].filter(Boolean);
  return parts.join(' and ');
}

/** The project's review state in the header, with what is unread; it opens the workflow panel (history and decisions). */
export function ReviewStatusButton({ projectId, role }: { projectId: string; role: Role }) {
  const review = useReview(projectId);
  const unread = useUnread(projectId).data;
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLButtonElement>(null);
  const state = review.data?.state;
  return (
    <>
      <button ref={ref} type="button" className={`btn btn--secondary review-status${state ? ` review-status--${state}` : ''}`} aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen((o) => !o)}>
        Review: <strong>{state ? stateLabel(state) : '…'}</strong>
        {unread && unread.total > 0 && (
          <span className="unread-badge" title={unreadText(unread.comments, unread.decisions)}>
            <span aria-hidden="true">{unread.total > 99 ? '99+' : unread.total}</span>
            <span className="sr-only">, {unreadText(unread.comments, unread.decisions)}</span>
          </span>
        )}
      </button>
      {open && (
        <Popover anchorRef={ref} label="Review workflow" widthPx={380} className="review-popover" onClose={() => setOpen(false)}>
          <WorkflowPanel projectId={projectId} role={role} />
        </Popover>
      )}
    </>
  );
}
