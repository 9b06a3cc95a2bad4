'use client';

import { type CSSProperties, memo, type SyntheticEvent, useId, useState } from 'react';
import type { MixSnapshot } from '../../../../../lib/doc';
import { initials, memberName } from '../common/members';
import { useMemberDirectory } from '../common/use-member-directory';
import { useStore } from '../common/use-store';
import { bindControl, paramPathOf } from '../mixer/bind-control';
import { mayManageTracks, mayWriteTrack } from '../mixer/mixer-model';
import { PAN_SPEC, TRIM_SPEC } from '../controls/param-spec';
import { PRESENCE_CONTROLS, type PresenceControl } from '../presence/presence-model';
import { useLive, useStudio } from '../studio-context';
import { AssignButton } from './assign-popover';
import { DeleteTrackButton } from './delete-track-button';
import { Fader } from '../controls/fader';
import { GainInput } from '../controls/gain-input';
import { Knob } from '../controls/knob';
import { LevelMeter } from '../meters/level-meter';
import { MuteSolo } from '../controls/mute-solo';
import { personLabel, personStyle } from '../presence/people-here';
import type { PresentPerson } from '../presence/use-people-here';
import { StripInserts } from './strip-inserts';
import { OutputPicker } from './output-picker';
import { StripSends } from './strip-sends';
import { ToggleButton } from '../controls/toggle-button';
import { TrackName } from '../common/track-name';
import { TrackReview } from './track-review';

export interface ChannelStripProps {
  track: MixSnapshot['tracks'][number];
  index: number;
  count: number;
  /** Other people whose focus is on this track. */
  people: readonly PresentPerson[];
  /** This strip is the one the detail panel shows. */
  selected: boolean;
  /** A press or keyboard focus anywhere on the strip selects it. */
  onSelect(trackId: string): void;
  /** The EQ or compressor summary was clicked: select the strip and show that section. */
  onOpen(trackId: string, section: 'eq' | 'comp'): void;
}

/** How the hidden sentence names a control: "Max Mixer is adjusting the fader". */
const CONTROL_TEXT: Record<PresenceControl, string> = {
  fader: 'the fader',
  pan: 'the pan',
  mute: 'the mute button',
  solo: 'the solo button',
  gain: 'the gain readout',
};

/** The presence control an event happened on (`data-control`), unless it is read-only. */
function controlOf(event: SyntheticEvent): { element: HTMLElement; control: PresenceControl } | null {
  const element = (event.target as Element).closest?.<HTMLElement>('[data-control]');
  const control = element?.dataset.control;
  if (!element || !control || !Object.hasOwn(PRESENCE_CONTROLS, control)) return null;
  if (element.getAttribute('aria-disabled') === 'true' || element.hasAttribute('disabled')) return null;
  return { element, control: control as PresenceControl };
}

const MAX_AVATARS = 3;

/**
 * One channel strip: name, assignees, pan, mute/solo, fader and readout; the lead's track tools.
 * Memoised: it renders when its own track, its place or its people change, not for another strip.
 */
export const ChannelStrip = memo(function ChannelStrip({ track, index, count, people, selected, onSelect, onOpen }: ChannelStripProps) {
  const { projectId, userId, model, presence, playback } = useStudio();
  const meters = playback?.meters ?? null;
  const { id, name, strip } = track;
  const target = model.track(id);
  const live = useLive();
  const writable = useStore(model, (s) => mayWriteTrack(s, id));
  const readOnlyReason = useStore(model, (s) => (s.loaded ? (s.readOnly.tracks.get(id) ?? null) : null));
  const canManage = useStore(model, mayManageTracks);
  const buses = useStore(model, (s) => s.mix.buses);
  const sampleRate = useStore(model, (s) => s.mix.meta.sampleRate);
  const { byId: members, candidates, loading: membersLoading } = useMemberDirectory(projectId);
  const [renaming, setRenaming] = useState(false);
  const reasonId = useId();
  const touchId = useId();
  const editable = writable && live;
  const readOnly = readOnlyReason !== null;
  const describedBy = readOnly ? reasonId : undefined;
  const assignedToMe = track.assignees.includes(userId);
  const shownAssignees = track.assignees.slice(0, MAX_AVATARS);
  const hidden = track.assignees.length - shownAssignees.length;

  // The first person on each control marks it (ring in their colour, data-touched-by).
  const touchedBy = new Map<PresenceControl, PresentPerson>();
  for (const p of people) if (p.focus && !touchedBy.has(p.focus.control)) touchedBy.set(p.focus.control, p);
  const touch = (control: PresenceControl) => {
    const p = touchedBy.get(control);
    return p ? { name: p.name, color: p.color } : undefined;
  };
  const describe = (control: PresenceControl) =>
    [describedBy, touchedBy.has(control) && `${touchId}-${control}`].filter(Boolean).join(' ') || undefined;
  const touchProps = (control: PresenceControl) => {
    const p = touchedBy.get(control);
    return {
      'data-control': control,
      'data-touched-by': p?.name,
      'aria-describedby': describe(control),
      style: p ? ({ '--touch-color': p.color } as CSSProperties) : undefined,
    };
  };

  // Delegated from the controls: pointer down, a key or keyboard focus is touching; pointer up
  // (unless the keyboard still has it) and blur let go.
  const onTouch = (event: SyntheticEvent, keyboardOnly = false) => {
    const hit = controlOf(event);
    if (!hit || (keyboardOnly && !hit.element.matches(':focus-visible'))) return;
    presence.touch({ trackId: id, control: hit.control });
  };
  const onRelease = (event: SyntheticEvent, unlessFocusVisible = false) => {
    const hit = controlOf(event);
    if (!hit || (unlessFocusVisible && hit.element.matches(':focus-visible'))) return;
    presence.release({ trackId: id, control: hit.control });
  };

  return (
    <div
      role="group"
      aria-label={`${name} strip`}
      data-track-id={id}
      aria-current={selected || undefined}
      data-selected={selected}
      className={['strip', readOnly && 'strip--readonly', selected && 'strip--selected'].filter(Boolean).join(' ')}
      style={{ '--track-color': track.color } as CSSProperties}
      title={readOnlyReason ?? undefined}
      onPointerDownCapture={(e) => {
        if (!selected) onSelect(id);
        onTouch(e);
      }}
      onKeyDownCapture={(e) => onTouch(e)}
      onFocusCapture={(e) => {
        if (!selected && (e.target as Element).matches(':focus-visible')) onSelect(id);
        onTouch(e, true);
      }}
      onPointerUpCapture={(e) => onRelease(e, true)}
      onPointerCancelCapture={(e) => onRelease(e, true)}
      onBlurCapture={(e) => onRelease(e)}
    >
      <div className="strip__color" aria-hidden="true" />
      {people.length > 0 && (
        <>
          <ul className="strip__presence" aria-hidden="true">
            {people.slice(0, MAX_AVATARS).map((p) => (
              <li key={p.id} className="strip__presence-avatar" style={personStyle(p)} title={`${personLabel(p)}${p.focus ? ` · ${CONTROL_TEXT[p.focus.control]}` : ''}`}>
                {initials(p.name)}
              </li>
            ))}
            {people.length > MAX_AVATARS && <li className="strip__presence-avatar strip__presence-avatar--more">+{people.length - MAX_AVATARS}</li>}
          </ul>
          {people.map(
            (p) =>
              p.focus && (
                <span key={p.id} id={touchedBy.get(p.focus.control) === p ? `${touchId}-${p.focus.control}` : undefined} className="sr-only">
                  {p.name} is adjusting {CONTROL_TEXT[p.focus.control]}
                </span>
              ),
          )}
        </>
      )}
      <div className="strip__head">
        <TrackName
          name={name}
          canRename={canManage && live}
          editing={renaming}
          onEditingChange={setRenaming}
          onRename={(value) => model.renameTrack(id, value)}
        />
        <div className="strip__badge-row">
          {readOnly ? (
            <span className="strip__lock" title={readOnlyReason ?? undefined}>
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <rect x="3.5" y="7" width="9" height="6.5" rx="1" />
                <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
              </svg>
              <span className="sr-only">Read-only</span>
            </span>
          ) : assignedToMe ? (
            <span className="strip__mine" title="Assigned to you: you can edit this strip">
              <svg viewBox="0 0 16 16" aria-hidden="true">
                <path d="M3.5 8.5 6.5 11.5 12.5 4.5" />
              </svg>
              <span className="sr-only">Yours</span>
            </span>
          ) : null}
          <TrackReview track={track} />
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
        {canManage && (
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

      <div className="strip__input">
        <Knob label={`${name} trim`} caption="Trim" spec={TRIM_SPEC} value={strip.trimDb} disabled={!editable} size="sm" {...bindControl(target, 'trimDb')} />
        <ToggleButton
          label={`${name} phase`}
          pressed={strip.phase}
          disabled={!editable}
          variant="phase"
          title={strip.phase ? 'Polarity inverted: click to restore' : 'Invert polarity'}
          paramPath={paramPathOf(target, 'phase')}
          onToggle={(on) => target.set('phase', on)}
        >
          Ø
        </ToggleButton>
      </div>

      <StripInserts trackId={id} name={name} strip={strip} sampleRate={sampleRate} meters={meters} onOpen={(section) => onOpen(id, section)} />

      {buses.length > 0 && <StripSends target={target} name={name} sends={strip.sends} buses={buses} disabled={!editable} />}

      <OutputPicker target={target} name={name} output={strip.output} buses={buses} disabled={!editable} />

      <div className="strip__pan-row">
        <Knob
          label={`${name} pan`}
          spec={PAN_SPEC}
          value={strip.pan}
          disabled={!editable}
          ariaScale={100}
          control="pan"
          describedBy={describe('pan')}
          touchedBy={touch('pan')}
          {...bindControl(target, 'pan')}
        />
        <MuteSolo
          name={name}
          mute={strip.mute}
          solo={strip.solo}
          disabled={!editable}
          muteProps={touchProps('mute')}
          soloProps={touchProps('solo')}
          mutePath={paramPathOf(target, 'mute')}
          soloPath={paramPathOf(target, 'solo')}
          onMute={(on) => target.set('mute', on)}
          onSolo={(on) => target.set('solo', on)}
        />
      </div>

      <div className="strip__fader-row">
        <Fader
          label={`${name} fader`}
          valueDb={strip.gainDb}
          disabled={!editable}
          describedBy={describe('fader')}
          touchedBy={touch('fader')}
          {...bindControl(target, 'gainDb')}
        />
        <LevelMeter name={name} ids={[id]} store={meters} />
      </div>

      <GainInput
        label={`${name} gain in dB`}
        valueDb={strip.gainDb}
        disabled={!editable}
        describedBy={touchedBy.has('gain') ? `${touchId}-gain` : undefined}
        touchedBy={touch('gain')}
        paramPath={paramPathOf(target, 'gainDb')}
        onSet={(v) => target.set('gainDb', v)}
      />

      {canManage && (
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
});
