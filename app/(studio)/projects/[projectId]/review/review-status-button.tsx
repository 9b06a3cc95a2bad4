'use client';

import { useRef, useState } from 'react';
import { stateLabel } from '../../../../../lib/review-workflow';
import type { Role } from '../../../../../lib/roles';
import { Popover } from '../common/popover';
import { useReview } from './use-review-queries';
import { WorkflowPanel } from './workflow-panel';

/** The project's review state in the header; it opens the workflow panel (history and decisions). */
export function ReviewStatusButton({ projectId, role }: { projectId: string; role: Role }) {
  const review = useReview(projectId);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLButtonElement>(null);
  const state = review.data?.state;
  return (
    <>
      <button ref={ref} type="button" className={`btn btn--secondary review-status${state ? ` review-status--${state}` : ''}`} aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen((o) => !o)}>
        Review: <strong>{state ? stateLabel(state) : '…'}</strong>
      </button>
      {open && (
        <Popover anchorRef={ref} label="Review workflow" widthPx={380} className="review-popover" onClose={() => setOpen(false)}>
          <WorkflowPanel projectId={projectId} role={role} />
        </Popover>
      )}
    </>
  );
}
