'use client';

import { memo } from 'react';
import type { Role } from '../../../../../lib/roles';
import { Button } from '../../../../_components/button';
import { useStore } from '../common/use-store';
import { useLive, useStudio } from '../studio-context';
import { AddBusForm } from './add-bus-form';
import { AddTrackForm } from './add-track-form';
import { mayManageTracks } from './mixer-model';
import { SyncStatus } from './sync-status';

/** What each role does here, beside the status (a description: the rules themselves are lib/doc's). */
const ROLE_NOTE: Record<Role, string> = {
  lead: 'You manage tracks and assignments and can edit every strip.',
  mixer: 'You edit the strips assigned to you.',
  mastering: 'Track strips are read-only for mastering.',
  reviewer: 'Reviewers listen and comment: the mix is read-only.',
};

export interface MixerToolbarProps {
  count: number;
}

/** The console's toolbar: the track count, Saving/Saved, the role, undo and redo, add track. */
export const MixerToolbar = memo(function MixerToolbar({ count }: MixerToolbarProps) {
  const { role, model } = useStudio();
  const live = useLive();
  const canUndo = useStore(model, (s) => s.canUndo);
  const canRedo = useStore(model, (s) => s.canRedo);
  const canManage = useStore(model, mayManageTracks);
  return (
    <div className="mixer__toolbar">
      <div className="mixer__toolbar-group">
        <h2 className="mixer__title">Mixer</h2>
        <span className="count">
          {count} {count === 1 ? 'track' : 'tracks'}
        </span>
        <SyncStatus />
        <span className="mixer__role-note" title={ROLE_NOTE[role]}>
          {ROLE_NOTE[role]}
        </span>
      </div>
      <div className="mixer__toolbar-group">
        <Button
          size="sm"
          variant="ghost"
          aria-keyshortcuts="Control+Z Meta+Z"
          title="Undo your last change (Ctrl+Z)"
          disabled={!live || !canUndo}
          onClick={() => model.undo()}
        >
          <svg className="mixer__icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M6 3.5 2.5 7 6 10.5M2.5 7H10a3.5 3.5 0 0 1 0 7H8" />
          </svg>
          Undo
        </Button>
        <Button
          size="sm"
          variant="ghost"
          aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
          title="Redo (Ctrl+Shift+Z)"
          disabled={!live || !canRedo}
          onClick={() => model.redo()}
        >
          <svg className="mixer__icon" viewBox="0 0 16 16" aria-hidden="true">
            <path d="M10 3.5 13.5 7 10 10.5M13.5 7H6a3.5 3.5 0 0 0 0 7h2" />
          </svg>
          Redo
        </Button>
        {canManage && count > 0 && <AddBusForm disabled={!live} onAdd={(kind, name) => model.addBus(kind, name)} />}
        {canManage && count > 0 && <AddTrackForm disabled={!live} onAdd={(name) => model.addTrack(name)} />}
      </div>
    </div>
  );
});
