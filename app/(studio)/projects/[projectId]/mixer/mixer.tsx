'use client';

import { useMemo, useRef } from 'react';
import type { MemberDto } from '../../../../../lib/api/dto';
import { escapeSegment } from '../../../../../lib/doc';
import type { Role } from '../../../../../lib/roles';
import { Button } from '../../../../_components/button';
import { Loading } from '../../../../_components/loading';
import { useMembers } from '../../../../_lib/queries';
import { memberName } from '../common/members';
import type { ClientRoom, ClientRoomSnapshot } from '../../../../../lib/sync/client-room';
import type { MeterStore } from '../meters/meter-store';
import type { SpectrumSource } from '../meters/spectrum-source';
import { type MixerModel, type MixerState, mayManageTracks, mayWriteTrack } from './mixer-model';
import type { Person, PresenceModel } from '../presence/presence-model';
import { useUndoShortcuts } from './use-undo-shortcuts';
import { AddTrackForm } from './add-track-form';
import { ChannelStrip } from '../strip/channel-strip';
import { BusStrip } from '../strip/bus-strip';
import { MasterStrip } from '../master/master-strip';
import { PeopleHere, type PresentPerson } from '../presence/people-here';
import { ClosedNotice, RefusedNotice } from './room-notices';
import { StripDetail } from '../strip/strip-detail';
import { SyncStatus } from './sync-status';

export interface MixerProps {
  projectId: string;
  userId: string;
  role: Role;
  /** The room and its mixer model, shared with the timeline (`Studio` owns them). */
  room: ClientRoom | null;
  status: ClientRoomSnapshot | null;
  model: MixerModel | null;
  state: MixerState | null;
  /** This user's presence in the room, and the other people here (`Studio` owns them). */
  presence: PresenceModel | null;
  others: readonly Person[];
  /** The strip shown in the detail panel (EQ, compressor), and the target of the M and S keys. */
  selectedTrackId: string | null;
  onSelectTrack(id: string | null): void;
  /** Level and gain-reduction meters; null until the audio engine runs (meters stay silent). */
  meters: MeterStore | null;
  /** The live spectrum behind the EQ curve; the detail panel selects its strip on it. */
  spectrum: SpectrumSource | null;
}

const ROLE_NOTE: Record<Role, string> = {
  lead: 'You manage tracks and assignments and can edit every strip.',
  mixer: 'You edit the strips assigned to you.',
  mastering: 'Track strips are read-only for mastering.',
  reviewer: 'Reviewers listen and comment: the mix is read-only.',
};

const NOBODY: readonly PresentPerson[] = [];

const ASSIGNABLE_ORDER: Partial<Record<Role, number>> = { mixer: 0, lead: 1 };

/** The live mixer of one project: toolbar (status, undo, add track) and one strip per track. */
export function Mixer({ projectId, userId, role, room, status, model, state, presence, others, selectedTrackId, onSelectTrack, meters, spectrum }: MixerProps) {
  const selectionId = selectedTrackId;
  const select = onSelectTrack;
  const eqRef = useRef<HTMLElement>(null);
  const compRef = useRef<HTMLElement>(null);
  const open = (trackId: string, section: 'eq' | 'comp') => {
    select(trackId);
    // After the panel has rendered the newly selected strip.
    requestAnimationFrame(() => (section === 'eq' ? eqRef : compRef).current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
  };
  useUndoShortcuts(model);
  const membersQuery = useMembers(projectId);

  const members = useMemo(() => new Map((membersQuery.data ?? []).map((m) => [m.userId, m])), [membersQuery.data]);
  const candidates = useMemo(
    () =>
      (membersQuery.data ?? [])
        .filter((m): m is MemberDto => m.role in ASSIGNABLE_ORDER)
        .sort((a, b) => ASSIGNABLE_ORDER[a.role]! - ASSIGNABLE_ORDER[b.role]! || memberName(a).localeCompare(memberName(b))),
    [membersQuery.data],
  );

  // Names as the rest of the mixer shows them (the member list), else what the server stamped.
  const people = useMemo<PresentPerson[]>(
    () =>
      others.map(({ user, focus }) => {
        const member = members.get(user.id);
        return {
          id: user.id,
          name: (member ? memberName(member) : user.name) || 'Someone',
          role: user.role || member?.role || '',
          color: user.color,
          focus,
        };
      }),
    [others, members],
  );
  const peopleByTrack = useMemo(() => {
    const byTrack = new Map<string, PresentPerson[]>();
    for (const p of people) if (p.focus) byTrack.set(p.focus.trackId, [...(byTrack.get(p.focus.trackId) ?? []), p]);
    return byTrack;
  }, [people]);

  const reasonNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const t of state?.mix.tracks ?? []) names.set(escapeSegment(t.id), t.name);
    for (const m of membersQuery.data ?? []) names.set(m.userId, memberName(m));
    return names;
  }, [state?.mix, membersQuery.data]);

  const closed = status?.closedBy ?? null;
  const live = Boolean(state?.loaded) && status?.connection !== 'closed';
  const tracks = state?.mix.tracks ?? [];
  const canManage = state !== null && mayManageTracks(state);
  const count = tracks.length;
  // A selected track the lead deleted a moment ago selects nothing.
  const selected = tracks.find((t) => t.id === selectionId) ?? null;
  const sampleRate = state?.mix.meta.sampleRate ?? 48_000;
  const buses = state?.mix.buses ?? [];

  let body;
  if (!model || !state || (!state.loaded && count === 0)) {
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
          {tracks.map((track, index) => {
            const writable = mayWriteTrack(state, track.id);
            return (
              <li key={track.id} className="mixer__slot">
                <ChannelStrip
                  model={model}
                  track={track}
                  index={index}
                  count={count}
                  writable={writable}
                  live={live}
                  readOnlyReason={state.loaded ? (state.readOnly.tracks.get(track.id) ?? null) : null}
                  canManage={canManage}
                  userId={userId}
                  members={members}
                  candidates={candidates}
                  membersLoading={membersQuery.isPending}
                  people={peopleByTrack.get(track.id) ?? NOBODY}
                  presence={presence}
                  buses={buses}
                  sampleRate={sampleRate}
                  meters={meters}
                  selected={track.id === selected?.id}
                  onSelect={() => select(track.id)}
                  onOpen={(section) => open(track.id, section)}
                />
              </li>
            );
          })}
        </ul>
        {buses.length > 0 && (
          <ul className="mixer__strips mixer__strips--buses" aria-label="Buses">
            {buses.map((bus) => (
              <li key={bus.id} className="mixer__slot">
                <BusStrip model={model} bus={bus} editable={live && !state.readOnly.buses.has(bus.id)} meters={meters} />
              </li>
            ))}
          </ul>
        )}
        <MasterStrip meters={meters} />
      </div>
    );
  }

  return (
    <div className="mixer">
      <div className="mixer__toolbar">
        <div className="mixer__toolbar-group">
          <h2 className="mixer__title">Mixer</h2>
          <span className="count">
            {count} {count === 1 ? 'track' : 'tracks'}
          </span>
          <SyncStatus status={status} />
          <span className="mixer__role-note" title={ROLE_NOTE[role]}>
            {ROLE_NOTE[role]}
          </span>
        </div>
        <div className="mixer__toolbar-group">
          <PeopleHere people={people} />
          <Button
            size="sm"
            variant="ghost"
            aria-keyshortcuts="Control+Z Meta+Z"
            title="Undo your last change (Ctrl+Z)"
            disabled={!live || !state?.canUndo}
            onClick={() => model?.undo()}
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
            disabled={!live || !state?.canRedo}
            onClick={() => model?.redo()}
          >
            <svg className="mixer__icon" viewBox="0 0 16 16" aria-hidden="true">
              <path d="M10 3.5 13.5 7 10 10.5M13.5 7H6a3.5 3.5 0 0 0 0 7h2" />
            </svg>
            Redo
          </Button>
          {canManage && count > 0 && model && <AddTrackForm disabled={!live} onAdd={(name) => model.addTrack(name)} />}
        </div>
      </div>

      {status?.denied && room && <RefusedNotice reason={status.denied} names={reasonNames} onDismiss={() => room.dismissDenied()} />}
      {closed && <ClosedNotice closedBy={closed} />}

      {body}

      {model && state && selected && (
        <StripDetail
          key={selected.id}
          model={model}
          track={selected}
          editable={mayWriteTrack(state, selected.id) && live}
          sampleRate={sampleRate}
          meters={meters}
          spectrum={spectrum}
          eqRef={eqRef}
          compRef={compRef}
          onClose={() => select(null)}
        />
      )}
      {model && state && count > 0 && !selected && <p className="strip-detail__empty">Click a strip to open its EQ and compressor here.</p>}

      {count > 0 && state && (canManage || state.readOnly.tracks.size < count) && (
        <p className="mixer__hint">
          Double-click a control to reset it · Shift while dragging or with the arrow keys for fine steps · Enter on a knob (or a
          double-click on its value) to type one · Ctrl+Z undoes your own changes
        </p>
      )}
    </div>
  );
}
