'use client';

import { type CSSProperties, useId, useState } from 'react';
import type { MemberDto } from '../../../../../lib/api/dto';
import type { MixSnapshot } from '../../../../../lib/doc';
import { initials, memberName } from '../_lib/members';
import type { MixerModel } from '../_lib/mixer-model';
import { AssignButton } from './assign-popover';
import { DeleteTrackButton } from './delete-track-button';
import { Fader } from './fader';
import { GainInput } from './gain-input';
import { PanKnob } from './pan-knob';
import { TrackName } from './track-name';

export interface ChannelStripProps {
  model: MixerModel;
  track: MixSnapshot['tracks'][number];
  index: number;
  count: number;
  /** The user may write this strip (lead, or a mixer assigned to it). */
  writable: boolean;
  /** False while the mix is (re)loading or the connection is closed for good: everything waits. */
  live: boolean;
  /** Why the strip is read-only, when it is. */
  readOnlyReason: string | null;
  userId: string;
  members: ReadonlyMap<string, MemberDto>;
  candidates: readonly MemberDto[];
  membersLoading: boolean;
}

const MAX_AVATARS = 3;

/** One channel strip: name, assignees, pan, mute/solo, fader and readout; the lead's track tools. */
export function ChannelStrip({ model, track, index, count, writable, live, readOnlyReason, userId, members, candidates, membersLoading }: ChannelStripProps) {
  const [renaming, setRenaming] = useState(false);
  const reasonId = useId();
  const { id, name, strip } = track;
  const isLead = model.isLead;
  const editable = writable && live;
  const readOnly = readOnlyReason !== null;
  const describedBy = readOnly ? reasonId : undefined;
  const assignedToMe = track.assignees.includes(userId);
  const shownAssignees = track.assignees.slice(0, MAX_AVATARS);
  const hidden = track.assignees.length - shownAssignees.length;

  return (
    <div
      role="group"
      aria-label={`${name} strip`}
      data-track-id={id}
      className={['strip', readOnly && 'strip--readonly'].filter(Boolean).join(' ')}
      style={{ '--track-color': track.color } as CSSProperties}
      title={readOnlyReason ?? undefined}
    >
      <div className="strip__color" aria-hidden="true" />
      <div className="strip__head">
        <TrackName
          name={name}
          canRename={isLead && live}
          editing={renaming}
          onEditingChange={setRenaming}
          onRename={(value) => model.renameTrack(id, value)}
        />
        <div className="strip__badge-row">
          {readOnly ? (
            <span className="strip__lock">
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <rect x="3.5" y="7" width="9" height="6.5" rx="1" />
                <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
              </svg>
              Read-only
            </span>
          ) : assignedToMe ? (
            <span className="strip__mine" title="Assigned to you: you can edit this strip">
              Yours
            </span>
          ) : null}
        </div>
      </div>

      <div className="strip__assignees">
        {track.assignees.length === 0 ? (
          <span className="strip__unassigned">Unassigned</span>
        ) : (
          <ul className="strip__avatars" aria-label={`${name} assignees`}>
            {shownAssignees.map((assignee) => {
              const member = members.get(assignee);
              const label = member ? memberName(member) : membersLoading ? 'Loading…' : 'A former member';
              return (
                <li key={assignee} className={['strip__avatar', assignee === userId && 'strip__avatar--me'].filter(Boolean).join(' ')} title={label}>
                  <span aria-hidden="true">{member ? initials(label) : membersLoading ? '' : '?'}</span>
                  <span className="sr-only">{label}</span>
                </li>
              );
            })}
            {hidden > 0 && (
              <li className="strip__avatar strip__avatar--more" title={`${hidden} more`}>
                +{hidden}
              </li>
            )}
          </ul>
        )}
        {isLead && (
          <AssignButton
            trackName={name}
            assignees={track.assignees}
            candidates={candidates}
            loading={membersLoading}
            disabled={!live}
            onChange={(ids) => model.setAssignees(id, ids)}
          />
        )}
      </div>

      <PanKnob
        label={`${name} pan`}
        value={strip.pan}
        disabled={!editable}
        describedBy={describedBy}
        onChange={(v) => model.push(id, 'pan', v)}
        onCommit={() => model.endGesture(id, 'pan')}
        onSet={(v) => model.set(id, 'pan', v)}
      />

      <div className="strip__toggles">
        <button
          type="button"
          className="strip__toggle strip__toggle--mute"
          aria-label={`${name} mute`}
          aria-pressed={strip.mute}
          aria-describedby={describedBy}
          title={strip.mute ? 'Unmute' : 'Mute'}
          disabled={!editable}
          onClick={() => model.set(id, 'mute', !strip.mute)}
        >
          M
        </button>
        <button
          type="button"
          className="strip__toggle strip__toggle--solo"
          aria-label={`${name} solo`}
          aria-pressed={strip.solo}
          aria-describedby={describedBy}
          title={strip.solo ? 'Unsolo' : 'Solo'}
          disabled={!editable}
          onClick={() => model.set(id, 'solo', !strip.solo)}
        >
          S
        </button>
      </div>

      <Fader
        label={`${name} fader`}
        valueDb={strip.gainDb}
        disabled={!editable}
        describedBy={describedBy}
        onChange={(v) => model.push(id, 'gainDb', v)}
        onCommit={() => model.endGesture(id, 'gainDb')}
        onSet={(v) => model.set(id, 'gainDb', v)}
      />

      <GainInput label={`${name} gain in dB`} valueDb={strip.gainDb} disabled={!editable} onSet={(v) => model.set(id, 'gainDb', v)} />

      {isLead && (
        <div className="strip__tools">
          <button
            type="button"
            className="strip__icon-btn"
            aria-label={`Move ${name} left`}
            title="Move left"
            disabled={!live || index === 0}
            onClick={() => model.moveTrack(id, -1)}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M10 3.5 5.5 8l4.5 4.5" />
            </svg>
          </button>
          <button
            type="button"
            className="strip__icon-btn"
            aria-label={`Move ${name} right`}
            title="Move right"
            disabled={!live || index === count - 1}
            onClick={() => model.moveTrack(id, 1)}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M6 3.5 10.5 8 6 12.5" />
            </svg>
          </button>
          <button
            type="button"
            className="strip__icon-btn"
            aria-label={`Rename ${name}`}
            title="Rename"
            disabled={!live || renaming}
            onClick={() => setRenaming(true)}
          >
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <path d="M3 13l.5-2.5L10.5 3.5l2 2-7 7L3 13zM9.5 4.5l2 2" />
            </svg>
          </button>
          <DeleteTrackButton trackName={name} disabled={!live} onDelete={() => model.deleteTrack(id)} />
        </div>
      )}

      {readOnlyReason && (
        <span id={reasonId} className="sr-only">
          {readOnlyReason}
        </span>
      )}
    </div>
  );
}
