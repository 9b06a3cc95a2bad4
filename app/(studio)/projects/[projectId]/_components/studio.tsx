'use client';

import type { Role } from '../../../../../lib/roles';
import { useMixer } from '../_lib/use-mixer';
import { useRoom } from '../_lib/use-room';
import { Mixer } from './mixer';
import { Timeline } from './timeline';

export interface StudioProps {
  projectId: string;
  userId: string;
  role: Role;
}

/** One room for the page: the timeline (waveforms, uploads) above the console, both on the same live mix. */
export function Studio({ projectId, userId, role }: StudioProps) {
  const { room, status } = useRoom(projectId, userId);
  const { model, state } = useMixer(room, { userId, role });
  const live = Boolean(state?.loaded) && status?.connection !== 'closed';
  return (
    <>
      <section aria-label="Timeline" className="timeline-section">
        <Timeline projectId={projectId} role={role} model={model} state={state} live={live} />
      </section>
      <section aria-label="Mixer" className="mixer-section">
        <Mixer projectId={projectId} userId={userId} role={role} room={room} status={status} model={model} state={state} />
      </section>
    </>
  );
}
