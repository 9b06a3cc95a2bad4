'use client';

import { Button } from '../../../../_components/button';
import { useStore } from '../common/use-store';
import { useStudio } from '../studio-context';
import { isPublishBusy } from './publish-flow';
import { publishShare } from './publish-status';

export interface RevisionsButtonProps {
  /** The button's id: focus goes back to it when the panel closes. */
  id: string;
  open: boolean;
  controls: string;
  onToggle(): void;
}

/** Opens and closes the revisions panel; while a publish renders, its progress shows beside it. */
export function RevisionsButton({ id, open, controls, onToggle }: RevisionsButtonProps) {
  const { publish } = useStudio();
  const pct = useStore(publish, (job) => (isPublishBusy(job) ? Math.round(publishShare(job) * 100) : null));
  return (
    <div className="revisions-button">
      <Button id={id} variant={open ? 'primary' : 'secondary'} aria-expanded={open} aria-controls={open ? controls : undefined} onClick={onToggle} title="Revisions and activity">
        Revisions
      </Button>
      {pct !== null && !open && (
        <span className="revisions-button__progress" title="Rendering a revision">
          {pct}%
        </span>
      )}
    </div>
  );
}
