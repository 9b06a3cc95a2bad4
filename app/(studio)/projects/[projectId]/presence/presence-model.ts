import type { Awareness } from 'y-protocols/awareness';
import type { Seconds } from '../../../../../lib/doc';
import type { LoopRange } from '../transport/transport-types';
import type { ClientRoom } from '../../../../../lib/sync/client-room';
import { shareEqual } from '../common/share-equal';
import { StoreBase } from '../common/store';
import { displayText } from '../../../../../lib/names';

/** The strip controls someone can be touching (server/sync/PROTOCOL.md, "Presence"). */
export const PRESENCE_CONTROLS = { fader: 'fader', pan: 'pan', mute: 'mute', solo: 'solo', gain: 'gain' } as const;
export type PresenceControl = (typeof PRESENCE_CONTROLS)[keyof typeof PRESENCE_CONTROLS];

export interface PresenceFocus {
  trackId: string;
  control: PresenceControl;
}

/** Stamped into every awareness state by the server (A1): never taken from the client. */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
  role: string;
}

/** What someone's transport is doing, besides where it is: others can follow it. */
export interface PresenceTransport {
  playing: boolean;
  loop: LoopRange | null;
  looping: boolean;
}

/** Another person in the room: all their tabs as one, with the focus they touched last. */
export interface Person {
  user: PresenceUser;
  focus: PresenceFocus | null;
  /** Where their transport is, in seconds on the timeline; null when they have none. */
  playhead: Seconds | null;
  /** Their transport's state (from the tab whose playhead this is); null when they have none. */
  transport: PresenceTransport | null;
  /** When that state arrived here (`Date.now()` of this client): a playing playhead has moved on since. */
  playheadAt: number;
}

/** What this client puts into its awareness state; the server adds `user`. */
interface LocalPresence {
  focus: PresenceFocus | null;
  /** The transport's position; null until the mixer has a transport. */
  playhead: Seconds | null;
  transport: PresenceTransport | null;
}

export interface PresenceModelOptions {
  /** The signed-in user: their other tabs are not "other people". */
  userId: string;
  /**
   * How long a control stays marked after it was let go (pointer up, blur): long enough for
   * others to notice a click on mute, short enough not to mark a control nobody touches.
   * @default 1500
   */
  lingerMs?: number;
}

export const DEFAULT_LINGER_MS = 1500;

const FALLBACK_COLOR = '#8a8f98';
/** Ids are ours (hex); anything longer is not a track id and not worth showing. */
const MAX_TRACK_ID_LENGTH = 128;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** States arrive from other clients through the server: read them as untrusted input. */
function readUser(value: unknown): PresenceUser | null {
  if (!isRecord(value) || typeof value.id !== 'string' || value.id === '') return null;
  return {
    id: value.id,
    name: typeof value.name === 'string' ? displayText(value.name).trim().slice(0, 120) : '',
    color: typeof value.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(value.color) ? value.color : FALLBACK_COLOR,
    role: typeof value.role === 'string' ? value.role : '',
  };
}

/** The longest timeline the document allows (meta.lengthSec); anything else is not a playhead. */
const MAX_PLAYHEAD_SEC = 86400;

function readPlayhead(value: unknown): Seconds | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_PLAYHEAD_SEC ? value : null;
}

function readTransport(value: unknown): PresenceTransport | null {
  if (!isRecord(value) || typeof value.playing !== 'boolean' || typeof value.looping !== 'boolean') return null;
  const loop = isRecord(value.loop) ? { startSec: readPlayhead(value.loop.startSec), endSec: readPlayhead(value.loop.endSec) } : null;
  const range = loop && loop.startSec !== null && loop.endSec !== null && loop.endSec > loop.startSec ? { startSec: loop.startSec, endSec: loop.endSec } : null;
  return { playing: value.playing, loop: range, looping: value.looping && range !== null };
}

function readFocus(value: unknown): PresenceFocus | null {
  if (!isRecord(value) || typeof value.trackId !== 'string' || value.trackId.length > MAX_TRACK_ID_LENGTH) return null;
  const control = value.control;
  if (typeof control !== 'string' || !Object.hasOwn(PRESENCE_CONTROLS, control)) return null;
  return { trackId: value.trackId, control: control as PresenceControl };
}

const sameFocus = (a: PresenceFocus | null, b: PresenceFocus | null) =>
  a === b || (a !== null && b !== null && a.trackId === b.trackId && a.control === b.control);

/**
 * This client's presence in one room and everyone else's (the snapshot: the other people here,
 * sorted by name): publishes the control the user is
 * touching into the awareness state and reads the other states, one Person per user (their tabs
 * merged), leaving out this user. Follows the room across resets: a reset brings a new provider
 * and awareness, and the local focus is published again there.
 */
export class PresenceModel extends StoreBase<readonly Person[]> {
  private awareness: Awareness | null = null;
  private unbindAwareness: () => void = () => {};
  private readonly unsubscribeRoom: () => void;
  private readonly lingerMs: number;
  private focus: PresenceFocus | null = null;
  private playhead: Seconds | null = null;
  private transport: PresenceTransport | null = null;
  private releaseTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  constructor(
    private readonly room: ClientRoom,
    private readonly options: PresenceModelOptions,
  ) {
    super([]);
    this.lingerMs = options.lingerMs ?? DEFAULT_LINGER_MS;
    this.bind();
    this.unsubscribeRoom = room.subscribe(() => this.bind());
  }

  /** The user started touching a control (pointer down, key press, keyboard focus). */
  touch(focus: PresenceFocus): void {
    if (this.destroyed) return;
    clearTimeout(this.releaseTimer);
    if (sameFocus(this.focus, focus)) return;
    this.focus = focus;
    this.publish();
  }

  /** The user let go of a control: its mark goes after `lingerMs`, unless they touch again. */
  release(focus: PresenceFocus): void {
    if (this.destroyed || !sameFocus(this.focus, focus)) return;
    clearTimeout(this.releaseTimer);
    this.releaseTimer = setTimeout(() => {
      this.focus = null;
      this.publish();
    }, this.lingerMs);
  }

  /** Shares this user's playhead (the caller limits how often: a few times a second). */
  setPlayhead(sec: Seconds | null): void {
    if (this.destroyed || sec === this.playhead) return;
    this.playhead = sec;
    this.publish();
  }

  /** Shares this user's playhead and what their transport does (play, loop), so that others can follow it. */
  setTransport(sec: Seconds | null, transport: PresenceTransport | null): void {
    const same = (a: PresenceTransport | null, b: PresenceTransport | null) =>
      a === b || (a !== null && b !== null && a.playing === b.playing && a.looping === b.looping && a.loop?.startSec === b.loop?.startSec && a.loop?.endSec === b.loop?.endSec);
    if (this.destroyed || (sec === this.playhead && same(transport, this.transport))) return;
    this.playhead = sec;
    this.transport = transport;
    this.publish();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.releaseTimer);
    this.unsubscribeRoom();
    this.unbindAwareness();
    this.closeStore();
  }

  private bind(): void {
    const awareness = this.room.provider.awareness;
    if (this.destroyed || awareness === this.awareness) return;
    this.unbindAwareness();
    this.awareness = awareness;
    const onChange = () => this.read();
    awareness.on('change', onChange);
    this.unbindAwareness = () => awareness.off('change', onChange);
    this.publish();
    this.read();
  }

  private publish(): void {
    const state: LocalPresence = { focus: this.focus, playhead: this.playhead, transport: this.transport };
    this.awareness?.setLocalState(state);
  }

  private read(): void {
    const awareness = this.awareness;
    if (!awareness) return;
    const byUser = new Map<string, { person: Person; focusAt: number }>();
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID || !isRecord(state)) continue;
      const user = readUser(state.user);
      if (!user || user.id === this.options.userId) continue;
      const focus = readFocus(state.focus);
      const playhead = readPlayhead(state.playhead);
      const transport = playhead === null ? null : readTransport(state.transport);
      const at = awareness.meta.get(clientId)?.lastUpdated ?? 0;
      const seen = byUser.get(user.id);
      if (!seen) byUser.set(user.id, { person: { user, focus, playhead, transport, playheadAt: at }, focusAt: focus ? at : -1 });
      else {
        // Several tabs: the focus touched last, and a playhead (with its transport) from any tab that has one.
        const mine = seen.person.playhead !== null;
        const person = { ...seen.person, playhead: mine ? seen.person.playhead : playhead, transport: mine ? seen.person.transport : transport, playheadAt: mine ? seen.person.playheadAt : at };
        if (focus && at > seen.focusAt) Object.assign(seen, { focusAt: at, person: { ...person, focus } });
        else seen.person = person;
      }

    }
    const others = [...byUser.values()].map((v) => v.person).sort((a, b) => a.user.name.localeCompare(b.user.name) || a.user.id.localeCompare(b.user.id));
    // Every awareness change lands here, this client's own included: unchanged people stay the
    // same objects, and an unchanged list is no change at all.
    this.setSnapshot(shareEqual(this.snapshot, others));
  }
}
