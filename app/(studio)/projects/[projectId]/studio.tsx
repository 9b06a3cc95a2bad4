'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type { Role } from '../../../../lib/roles';
import { createBrowserRoom } from './common/browser-room';
import { useOwned } from './common/use-owned';
import { useStore } from './common/use-store';
import { MixerModel, mayWriteTrack } from './mixer/mixer-model';
import { type Person, PresenceModel } from './presence/presence-model';
import { usePlayheadPresence } from './presence/use-playhead-presence';
import { usePlayback } from './transport/use-playback';
import { useTransportShortcuts } from './transport/use-transport-shortcuts';
import { ExportPanel } from './export/export-panel';
import { Mixer } from './mixer/mixer';
import { Timeline } from './timeline/timeline';
import { TransportBar } from './transport/transport-bar';

const NOBODY: readonly Person[] = [];

export interface StudioProps {
  projectId: string;
  projectName: string;
  userId: string;
  role: Role;
}

/**
 * One room for the page: the transport, the timeline (waveforms, automation, uploads) and the
 * console, all on the same live mix, which the engine worklet plays.
 */
export function Studio({ projectId, projectName, userId, role }: StudioProps) {
  const room = useOwned(() => createBrowserRoom(projectId, userId), [projectId, userId]);
  const status = useStore(room);
  // Made with the role of the moment; later role changes reach it through setPrincipal.
  const model = useOwned(() => room && new MixerModel(room, { userId, role }), [room]);
  useEffect(() => model?.setPrincipal({ userId, role }), [model, userId, role]);
  const state = useStore(model);
  const presence = useOwned(() => room && new PresenceModel(room, { userId }), [room, userId]);
  const others = useStore(presence) ?? NOBODY;
  const live = Boolean(state?.loaded) && status?.connection !== 'closed';
  const mix = state?.loaded ? state.mix : null;
  const playback = usePlayback(model);
  const playbackState = useStore(playback);
  const [selectedTrackId, setSelectedTrackId] = useState<string | null>(null);

  // The first strip the user may edit starts selected (M and S act on it, its EQ is open), once;
  // a deleted track is no longer selected.
  const autoSelected = useRef(false);
  useEffect(() => {
    if (!state?.loaded) return;
    const tracks = state.mix.tracks;
    if (selectedTrackId !== null && !tracks.some((t) => t.id === selectedTrackId)) setSelectedTrackId(null);
    if (selectedTrackId === null && !autoSelected.current && tracks.length > 0) {
      autoSelected.current = true;
      setSelectedTrackId((tracks.find((t) => mayWriteTrack(state, t.id)) ?? tracks[0]).id);
    }
  }, [state, selectedTrackId]);

  useTransportShortcuts(playback, model, state, selectedTrackId);
  usePlayheadPresence(playback, presence);
  const remotePlayheads = useMemo(
    () => others.flatMap(({ user, playhead }) => (playhead === null ? [] : [{ id: user.id, name: user.name, color: user.color, sec: playhead }])),
    [others],
  );

  return (
    <>
      <section aria-label="Transport and export" className="transport-section">
        <TransportBar playback={playback} state={playbackState} />
        <ExportPanel projectName={projectName} mix={mix} />
      </section>
      <section aria-label="Timeline" className="timeline-section">
        <Timeline projectId={projectId} model={model} state={state} live={live} transport={playback} remotePlayheads={remotePlayheads} />
      </section>
      <section aria-label="Mixer" className="mixer-section">
        <Mixer
          projectId={projectId}
          userId={userId}
          role={role}
          room={room}
          status={status}
          model={model}
          state={state}
          presence={presence}
          others={others}
          selectedTrackId={selectedTrackId}
          onSelectTrack={setSelectedTrackId}
          meters={playback?.meters ?? null}
          spectrum={playback}
        />
      </section>
    </>
  );
}
