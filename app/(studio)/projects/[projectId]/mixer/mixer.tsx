'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { escapeSegment } from '../../../../../lib/doc';
import { Loading } from '../../../../_components/loading';
import { memberName } from '../common/members';
import { useMemberDirectory } from '../common/use-member-directory';
import { useStore } from '../common/use-store';
import { MasterStrip } from '../master/master-strip';
import { type PresentPerson, usePeopleHere } from '../presence/use-people-here';
import { BusDetail } from '../strip/bus-detail';
import { BusStrip } from '../strip/bus-strip';
import { ChannelStrip } from '../strip/channel-strip';
import { StripDetail } from '../strip/strip-detail';
import { useLive, useStudio } from '../studio-context';
import { AddTrackForm } from './add-track-form';
import { MixerToolbar } from './mixer-toolbar';
import { mayManageTracks, mayWriteTrack } from './mixer-model';
import { ClosedNotice, RefusedNotice } from './room-notices';
import { useUndoShortcuts } from './use-undo-shortcuts';

export interface MixerProps {
  /** The strip shown in the detail panel (EQ, compressor), and the target of the M and S keys. */
  selectedTrackId: string | null;
  onSelectTrack(id: string | null): void;
}

const NOBODY: readonly PresentPerson[] = [];

/**
 * The live mixer of one project: toolbar (status, people, undo, add track), one strip per track,
 * the buses and the master, and the selected strip's EQ and compressor. Renders for every change
 * of the mix; each strip renders only when its own track (or what it shows of the room) changed.
 */
export function Mixer({ selectedTrackId, onSelectTrack }: MixerProps) {
  const { projectId, room, model } = useStudio();
  const state = useStore(model);
  const live = useLive();
  const denied = useStore(room, (s) => s.denied);
  const closed = useStore(room, (s) => s.closedBy);
  const members = useMemberDirectory(projectId);
  const people = usePeopleHere(members.byId);
  useUndoShortcuts(model);

  const eqRef = useRef<HTMLElement>(null);
  const compRef = useRef<HTMLElement>(null);
  const [selectedBusId, setSelectedBusId] = useState<string | null>(null);
  const open = useCallback(
    (trackId: string, section: 'eq' | 'comp') => {
      // A bus's detail open in the same place gives way to the track's (it used to stay, hiding it).
      setSelectedBusId(null);
      onSelectTrack(trackId);
      // After the panel has rendered the newly selected strip.
      requestAnimationFrame(() => (section === 'eq' ? eqRef : compRef).current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
    },
    [onSelectTrack],
  );
  const closeDetail = useCallback(() => onSelectTrack(null), [onSelectTrack]);
  const closeBus = useCallback(() => setSelectedBusId(null), []);
  const selectTrack = useCallback(
    (id: string | null) => {
      setSelectedBusId(null);
      onSelectTrack(id);
    },
    [onSelectTrack],
  );

  const tracks = state.mix.tracks;
  // The first strip the user may edit starts selected (M and S act on it, its EQ is open), once;
  // a deleted track is no longer selected.
  const autoSelected = useRef(false);
  useEffect(() => {
    if (!state.loaded) return;
    if (selectedTrackId !== null && !tracks.some((t) => t.id === selectedTrackId)) onSelectTrack(null);
    if (selectedTrackId === null && !autoSelected.current && tracks.length > 0) {
      autoSelected.current = true;
      onSelectTrack((tracks.find((t) => mayWriteTrack(state, t.id)) ?? tracks[0]).id);
    }
  }, [state, tracks, selectedTrackId, onSelectTrack]);

  const peopleByTrack = useMemo(() => {
    const byTrack = new Map<string, PresentPerson[]>();
    for (const p of people) if (p.focus) byTrack.set(p.focus.trackId, [...(byTrack.get(p.focus.trackId) ?? []), p]);
    return byTrack;
  }, [people]);

  const reasonNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const t of tracks) names.set(escapeSegment(t.id), t.name);
    for (const m of members.byId.values()) names.set(m.userId, memberName(m));
    return names;
  }, [tracks, members.byId]);

  const count = tracks.length;
  const canManage = mayManageTracks(state);
  const selected = tracks.find((t) => t.id === selectedTrackId) ?? null;
  const buses = state.mix.buses;
  const selectedBus = buses.find((b) => b.id === selectedBusId) ?? null;

  let body;
  if (!state.loaded && count === 0) {
    body = closed ? null : <Loading label="Loading the mix…" />;
  } else if (count === 0) {
    body = canManage ? (
      <div className="empty-state mixer__empty">
        <strong>Add a track to start</strong>
        <span>Each track gets a channel strip. Assign it to a mixer and they can work on it live.</span>
        <AddTrackForm disabled={!live} onAdd={(name) => model.addTrack(name)} />
      </div>
    ) : (
      <div className="empty-state mixer__empty">
        <strong>The lead has not added any tracks yet</strong>
        <span>Channel strips appear here as soon as they do.</span>
      </div>
    );
  } else {
    body = (
      <div className="mixer__console">
        <ul className="mixer__strips" aria-label="Channel strips">
          {tracks.map((track, index) => (
            <li key={track.id} className="mixer__slot">
              <ChannelStrip
                track={track}
                index={index}
                count={count}
                people={peopleByTrack.get(track.id) ?? NOBODY}
                selected={track.id === selected?.id}
                onSelect={selectTrack}
                onOpen={open}
              />
            </li>
          ))}
        </ul>
        {buses.length > 0 && (
          <ul className="mixer__strips mixer__strips--buses" aria-label="Buses">
            {buses.map((bus) => (
              <li key={bus.id} className="mixer__slot">
                <BusStrip bus={bus} selected={bus.id === selectedBusId} onSelect={setSelectedBusId} />
              </li>
            ))}
          </ul>
        )}
        <MasterStrip />
      </div>
    );
  }

  return (
    <div className="mixer">
      <MixerToolbar count={count} />
      {denied && <RefusedNotice reason={denied} names={reasonNames} onDismiss={() => room.dismissDenied()} />}
      {closed && <ClosedNotice closedBy={closed} />}
      <div className="mixer__body">
        {body}
        {count > 0 && (
          <div className="mixer__detail">
            {selectedBus ? (
              <BusDetail key={selectedBus.id} bus={selectedBus} index={buses.indexOf(selectedBus)} count={buses.length} onClose={closeBus} />
            ) : selected ? (
              <StripDetail key={selected.id} track={selected} eqRef={eqRef} compRef={compRef} onClose={closeDetail} />
            ) : (
              <p className="strip-detail__empty">Click a strip to open its EQ and compressor here.</p>
            )}
            {(canManage || state.readOnly.tracks.size < count) && (
              <p className="mixer__hint">
                Double-click a control to reset it · Shift while dragging or with the arrow keys for fine steps · Enter on a knob (or a
                double-click on its value) to type one · Ctrl+Z undoes your own changes
              </p>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
