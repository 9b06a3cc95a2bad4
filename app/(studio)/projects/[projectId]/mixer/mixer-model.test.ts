import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoalesceClock, createBus, createTrack, readMix, setAssignees } from '../../../../../lib/doc';
import type { Role } from '../../../../../lib/roles';
import { type ClientRoom, LOCAL_ORIGIN } from '../../../../../lib/sync/client-room';
import { createProjectWithMembers, type ProjectWithMembers } from '../../../../../server/testing/project-with-members';
import { connectRoom, synced, until } from '../../../../../server/testing/sync-client';
import { startTestApp, type TestApp } from '../../../../../server/testing/test-app';
import type { EqParams, MixTarget } from './mix-target';
import { MixerModel } from './mixer-model';

/** Time for the coalescer, moved by the test: writes happen exactly when the test says. */
class ManualClock implements CoalesceClock {
  private t = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown) => void this.timers.delete(handle as number);
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
  }
}

let app: TestApp;
let project: ProjectWithMembers;
const opened: Array<{ room: ClientRoom; model: MixerModel }> = [];

interface Opened {
  room: ClientRoom;
  model: MixerModel;
}

async function open(role: Role, clock?: ManualClock): Promise<Opened> {
  const room = connectRoom(app.url, project.projectId, project.tokens[role]);
  const model = new MixerModel(room, { userId: project.users[role].id, role }, clock ? { coalesce: { clock } } : {});
  opened.push({ room, model });
  await until(() => model.snapshot.loaded, `the ${role}'s mix to load`);
  return { room, model };
}

const trackOf = (room: ClientRoom, id: string) => readMix(room.doc).tracks.find((t) => t.id === id);
const gainOf = (room: ClientRoom, id: string) => trackOf(room, id)?.strip.gainDb;
const saved = (room: ClientRoom) => until(() => room.snapshot.save === 'saved', 'Saved');

/** Counts this client's own writes to the room's current document. */
function countWrites(room: ClientRoom): { readonly count: number } {
  const counter = { count: 0 };
  room.doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === LOCAL_ORIGIN) counter.count++;
  });
  return counter;
}

beforeAll(async () => {
  app = await startTestApp();
  project = await createProjectWithMembers(app, 'Mixer model', (doc, users) => {
    createTrack(doc, 'bass', { name: 'Bass', assignees: [users.mixer.id] });
    createTrack(doc, 'drums', { name: 'Drums' });
    createBus(doc, 'verb', { name: 'Verb', kind: 'reverb' });
  });
});

afterAll(async () => {
  for (const { room, model } of opened) {
    model.destroy();
    room.destroy();
  }
  await app?.close();
});

describe('MixerModel gestures and undo', () => {
  it('writes a fader gesture at most once per 50 ms and always its last value, and undoes each gesture as one step', async () => {
    const clock = new ManualClock();
    const mixer = await open('mixer', clock);
    const lead = await open('lead');
    const writes = countWrites(mixer.room);
    const bass = mixer.model.track('bass');

    // Ten values over 100 ms: written at 0, 50 and 100 ms (the first at once, then the latest).
    for (let i = 1; i <= 10; i++) {
      bass.push('gainDb', -i);
      clock.advance(10);
    }
    bass.endGesture('gainDb');
    expect(writes.count).toBe(3);
    expect(gainOf(mixer.room, 'bass')).toBe(-10);
    await until(() => gainOf(lead.room, 'bass') === -10, 'the gesture to reach the lead');

    // A second gesture is a second undo step.
    bass.push('gainDb', -3);
    bass.push('gainDb', -2.5);
    bass.endGesture('gainDb');
    expect(gainOf(mixer.room, 'bass')).toBe(-2.5);
    expect(mixer.model.snapshot.canUndo).toBe(true);
    mixer.model.undo();
    expect(gainOf(mixer.room, 'bass')).toBe(-10);
    mixer.model.undo();
    expect(gainOf(mixer.room, 'bass')).toBe(0);
    await until(() => gainOf(lead.room, 'bass') === 0, 'the undo to reach the lead');
    expect(mixer.model.snapshot.canUndo).toBe(false);
    mixer.model.redo();
    expect(gainOf(mixer.room, 'bass')).toBe(-10);
    mixer.model.undo();
    await saved(mixer.room);
  });

  it('gives a bus and the master the same gestures and undo as a track, so one EQ panel serves all three', async () => {
    const lead = await open('lead');
    const other = await open('mastering');
    const verb = lead.model.bus('verb');
    verb.push('gainDb', -3);
    verb.push('gainDb', -4);
    verb.endGesture('gainDb');
    lead.model.master().set('width', 1.5);
    lead.model.master().push('limiter.ceilingDbtp', -2);
    lead.model.master().endGesture('limiter.ceilingDbtp');
    // What an EqPanel is given: any target, the same parameter names.
    const eqTargets: Array<MixTarget<EqParams>> = [lead.model.track('drums'), verb, lead.model.master()];
    for (const target of eqTargets) target.set('eq.peak1.gainDb', 3);

    const mixOf = (room: ClientRoom) => readMix(room.doc);
    await until(() => {
      const mix = mixOf(other.room);
      return mix.buses[0].strip.gainDb === -4 && mix.master.width === 1.5 && mix.master.limiter.ceilingDbtp === -2 && mix.master.eq.peak1.gainDb === 3;
    }, 'the bus and master edits to reach another client');
    expect(mixOf(other.room).buses[0].strip.eq.peak1.gainDb).toBe(3);
    expect(trackOf(other.room, 'drums')?.strip.eq.peak1.gainDb).toBe(3);

    // One undo step per edit, newest first, whichever the target.
    for (let i = 0; i < 3; i++) lead.model.undo();
    expect(mixOf(lead.room).master.eq.peak1.gainDb).toBe(0);
    expect(mixOf(lead.room).master.limiter.ceilingDbtp).toBe(-2);
    lead.model.undo();
    expect(mixOf(lead.room).master.limiter.ceilingDbtp).toBe(-1);
    expect(mixOf(lead.room).master.width).toBe(1.5);
    lead.model.undo();
    expect(mixOf(lead.room).master.width).toBe(1);
    expect(mixOf(lead.room).buses[0].strip.gainDb).toBe(-4);
    lead.model.undo();
    expect(mixOf(lead.room).buses[0].strip.gainDb).toBe(0);
    await until(() => mixOf(other.room).buses[0].strip.gainDb === 0 && mixOf(other.room).master.width === 1, 'the undos to reach another client');
  });
});

describe('MixerModel setMany', () => {
  it('writes several parameters in one change and one undo step (the match EQ), and nothing for a user who may not', async () => {
    const mastering = await open('mastering');
    const reviewer = await open('reviewer');
    const master = mastering.model.master();
    master.setMany({ 'eq.lowShelf.on': true, 'eq.lowShelf.gainDb': 2.5, 'eq.highShelf.on': true, 'eq.highShelf.gainDb': -1.5 });
    const eq = () => readMix(mastering.room.doc).master.eq;
    expect([eq().lowShelf.on, eq().lowShelf.gainDb, eq().highShelf.on, eq().highShelf.gainDb]).toEqual([true, 2.5, true, -1.5]);
    await until(() => readMix(reviewer.room.doc).master.eq.highShelf.gainDb === -1.5, 'the match EQ to reach another client');
    mastering.model.undo();
    expect([eq().lowShelf.on, eq().lowShelf.gainDb, eq().highShelf.on, eq().highShelf.gainDb]).toEqual([false, 0, false, 0]);
    const writes = countWrites(reviewer.room);
    reviewer.model.master().setMany({ 'eq.peak1.gainDb': 3 });
    expect(writes.count).toBe(0);
    await saved(mastering.room);
  });
});

describe('MixerModel permissions', () => {
  it("says why a target is read-only with the server's rules, writes nothing there, and follows assignments live", async () => {
    const mixer = await open('mixer');
    const lead = await open('lead');
    const { readOnly } = mixer.model.snapshot;
    expect(readOnly.tracks.has('bass')).toBe(false);
    expect(readOnly.tracks.get('drums')).toBe('Read-only: Drums is not assigned to you. Ask the lead to assign it to you.');
    expect(readOnly.buses.get('verb')).toBe('Read-only: the lead edits the buses.');
    expect(readOnly.master).toBe('Read-only: the lead and mastering edit the master section.');
    expect(readOnly.trackList).toBe('Read-only: the lead manages the tracks.');
    expect(mixer.model.addTrack('Perc')).toBe('Only the lead can add tracks');

    const writes = countWrites(mixer.room);
    mixer.model.track('drums').set('gainDb', -20);
    mixer.model.track('drums').push('pan', 0.5);
    mixer.model.bus('verb').set('mute', true);
    mixer.model.master().set('width', 0);
    expect(writes.count).toBe(0);
    expect(mixer.model.snapshot.canUndo).toBe(false);

    setAssignees(lead.room.doc, 'drums', [project.users.mixer.id]);
    await until(() => !mixer.model.snapshot.readOnly.tracks.has('drums'), 'the assignment to reach the mixer');
    mixer.model.track('drums').set('gainDb', -1);
    await until(() => gainOf(lead.room, 'drums') === -1, "the mixer's edit on the newly assigned track");
    mixer.model.undo();
    setAssignees(lead.room.doc, 'drums', []);
    await until(() => mixer.model.snapshot.readOnly.tracks.has('drums') && gainOf(mixer.room, 'drums') === 0, 'the unassignment');

    const mastering = await open('mastering');
    expect(mastering.model.snapshot.readOnly.master).toBeNull();
    expect(mastering.model.snapshot.readOnly.tracks.get('bass')).toBe('Read-only: mastering edits the master section, not track strips.');
    const reviewer = await open('reviewer');
    expect(reviewer.model.snapshot.readOnly.master).toBe('Read-only: reviewers listen and comment, they do not change the mix.');
    expect(reviewer.model.snapshot.readOnly.tracks.get('bass')).toBe('Read-only: reviewers listen and comment, they do not change the mix.');
  });

  it('P4: the assigned mixer marks a track ready and never approves it; the lead requests changes with a note the mixer reads, then approves', async () => {
    const mixer = await open('mixer');
    const lead = await open('lead');
    const reviewer = await open('reviewer');
    expect(mixer.model.reviewChoices('bass')).toEqual({ states: ['in_progress', 'ready'], note: false });
    expect(mixer.model.reviewChoices('drums')).toEqual({ states: [], note: false });
    expect(reviewer.model.reviewChoices('bass')).toEqual({ states: [], note: false });
    expect(lead.model.reviewChoices('bass')).toEqual({ states: ['in_progress', 'ready', 'approved', 'changes_requested'], note: true });

    const writes = countWrites(mixer.room);
    expect(mixer.model.setTrackReview('bass', 'approved')).toBe('You may not give this track that review state');
    expect(mixer.model.setTrackReview('bass', 'ready', 'sneaky note')).toBe('You may not give this track that review state');
    expect(writes.count).toBe(0);
    expect(mixer.model.setTrackReview('bass', 'ready')).toBeNull();
    await until(() => trackOf(lead.room, 'bass')?.review.state === 'ready', "the mixer's ready to reach the lead");
    await saved(mixer.room);

    expect(lead.model.setTrackReview('bass', 'changes_requested', 'The low end booms at 0:42')).toBeNull();
    await until(() => trackOf(mixer.room, 'bass')?.review.note === 'The low end booms at 0:42', "the lead's note to reach the mixer");
    expect(trackOf(mixer.room, 'bass')?.review.state).toBe('changes_requested');
    expect(lead.model.setTrackReview('bass', 'approved', '')).toBeNull();
    await until(() => trackOf(mixer.room, 'bass')?.review.state === 'approved' && trackOf(mixer.room, 'bass')?.review.note === '', 'the approval');
    await saved(lead.room);
  });

  it('drops an edit the server refuses with the document; undo afterwards sends nothing, and later edits and undo work', async () => {
    const mixer = await open('mixer');
    const lead = await open('lead');
    createTrack(lead.room.doc, 'keys', { name: 'Keys', assignees: [project.users.mixer.id] });
    await until(() => trackOf(mixer.room, 'keys') !== undefined && !mixer.model.snapshot.readOnly.tracks.has('keys'), 'the new track at the mixer');

    // Offline, the mixer still holds the assignment that the lead takes away meanwhile.
    mixer.room.provider.disconnect();
    setAssignees(lead.room.doc, 'keys', []);
    await saved(lead.room);
    mixer.model.track('keys').set('gainDb', -9);
    expect(gainOf(mixer.room, 'keys')).toBe(-9);
    expect(mixer.model.snapshot.canUndo).toBe(true);
    mixer.room.provider.connect();

    await until(() => mixer.room.snapshot.denied !== null, 'the refusal');
    expect(mixer.room.snapshot.denied).toMatch(/keys/);
    await until(() => mixer.model.snapshot.loaded && gainOf(mixer.room, 'keys') === 0, 'the fresh document');
    expect(mixer.model.snapshot.readOnly.tracks.has('keys')).toBe(true);
    expect(mixer.model.snapshot.canUndo).toBe(false);
    mixer.room.dismissDenied();

    // Undo has nothing of the refused state to send; a permitted edit after it goes through.
    const writes = countWrites(mixer.room);
    mixer.model.undo();
    expect(writes.count).toBe(0);
    mixer.model.track('bass').set('gainDb', -2);
    await until(() => gainOf(lead.room, 'bass') === -2, 'a permitted edit after the refusal');
    await saved(mixer.room);
    expect(mixer.room.snapshot.denied).toBeNull();
    mixer.model.undo();
    await until(() => gainOf(lead.room, 'bass') === 0, 'its undo');
    expect(gainOf(lead.room, 'keys')).toBe(0);
  });

  it('drops the value a gesture left pending when the document is reset, and goes on in the new document', async () => {
    const clock = new ManualClock();
    const mixer = await open('mixer', clock);
    const lead = await open('lead');
    const bass = mixer.model.track('bass');
    bass.push('gainDb', -11);
    await saved(mixer.room);
    clock.advance(10);
    bass.push('gainDb', -12);

    mixer.room.reset();
    await synced(mixer.room);
    await until(() => mixer.model.snapshot.loaded, 'the new document to load');
    expect(gainOf(mixer.room, 'bass')).toBe(-11);
    const writes = countWrites(mixer.room);
    // The old gesture's timer comes due: its value belonged to the document that is gone.
    clock.advance(100);
    bass.endGesture('gainDb');
    expect(writes.count).toBe(0);
    expect(gainOf(mixer.room, 'bass')).toBe(-11);

    bass.push('gainDb', -13);
    bass.endGesture('gainDb');
    expect(writes.count).toBe(1);
    await until(() => gainOf(lead.room, 'bass') === -13, 'the gesture in the new document');
    mixer.model.undo();
    await until(() => gainOf(lead.room, 'bass') === -11, 'its undo');
  });
});

describe('MixerModel lifetime', () => {
  it('stops following the room on destroy, and never writes a value still pending', async () => {
    const clock = new ManualClock();
    const mixer = await open('mixer', clock);
    const lead = await open('lead');
    const bass = mixer.model.track('bass');
    bass.push('gainDb', -14);
    // Seen by the lead before the lead writes: concurrent writes of one key would race.
    await until(() => gainOf(lead.room, 'bass') === -14, 'the first value at the lead');
    clock.advance(10);
    bass.push('gainDb', -15);
    let told = 0;
    mixer.model.subscribe(() => told++);
    const before = mixer.model.snapshot;
    mixer.model.destroy();
    clock.advance(100);
    expect(gainOf(mixer.room, 'bass')).toBe(-14);

    lead.model.track('bass').set('gainDb', -16);
    await until(() => gainOf(mixer.room, 'bass') === -16, "the lead's edit to reach the mixer's room");
    expect(told).toBe(0);
    expect(mixer.model.snapshot).toBe(before);
    bass.set('gainDb', -17);
    expect(gainOf(mixer.room, 'bass')).toBe(-16);
  });
});

describe('MixerModel buses, inserts and clips (issue 18)', () => {
  it('P1, L21: the lead adds a delay bus, moves and renames it; deleting it removes the mixer\'s send in one undo step', async () => {
    const lead = await open('lead');
    const mixer = await open('mixer');
    expect(lead.model.addBus('delay', 'Echo')).toBeNull();
    await until(() => readMix(mixer.room.doc).buses.some((b) => b.name === 'Echo'), 'the bus at the mixer');
    const echo = readMix(lead.room.doc).buses.find((b) => b.name === 'Echo')!;
    expect(readMix(lead.room.doc).buses.map((b) => b.id)).toEqual(['verb', echo.id]);
    expect(lead.model.moveBus(echo.id, -1)).toBeNull();
    expect(readMix(lead.room.doc).buses.map((b) => b.id)).toEqual([echo.id, 'verb']);
    lead.model.bus(echo.id).set('params.sync', '1/8' as never);
    expect(lead.model.renameBus(echo.id, 'Eighths')).toBeNull();
    expect(readMix(lead.room.doc).buses[0]).toMatchObject({ name: 'Eighths', params: { sync: '1/8' } });

    mixer.model.track('bass').set(`send:${echo.id}:levelDb`, -6);
    await until(() => trackOf(lead.room, 'bass')?.strip.sends[echo.id]?.levelDb === -6, 'the send at the lead');
    expect(lead.model.deleteBus(echo.id)).toBeNull();
    expect(trackOf(lead.room, 'bass')?.strip.sends[echo.id]).toBeUndefined();
    await saved(lead.room);
    await until(() => !readMix(mixer.room.doc).buses.some((b) => b.id === echo.id), 'the deletion at the mixer');
    lead.model.undo();
    expect(readMix(lead.room.doc).buses.some((b) => b.id === echo.id)).toBe(true);
    expect(trackOf(lead.room, 'bass')?.strip.sends[echo.id]?.levelDb).toBe(-6);
    await saved(lead.room);
  });

  it('P7: a mixer may not add, move or delete buses; the model says why and writes nothing', async () => {
    const mixer = await open('mixer');
    const writes = countWrites(mixer.room);
    expect(mixer.model.addBus('group', 'Mine')).toMatch(/lead/i);
    expect(mixer.model.deleteBus('verb')).toMatch(/lead/i);
    expect(mixer.model.moveBus('verb', 1)).toMatch(/lead/i);
    expect(writes.count).toBe(0);
  });

  it('P3, L18, L20: a mixer adds, moves and bypasses inserts on an assigned track and trims its clip; not on another track', async () => {
    const mixer = await open('mixer');
    const lead = await open('lead');
    const chorus = mixer.model.addInsert({ kind: 'track', id: 'bass' }, 'chorus');
    const eq = mixer.model.addInsert({ kind: 'track', id: 'bass' }, 'eq');
    if (!('id' in chorus) || !('id' in eq)) throw new Error('inserts refused');
    expect(mixer.model.moveInsert({ kind: 'track', id: 'bass' }, eq.id, -1)).toBeNull();
    mixer.model.track('bass').set(`insert:${chorus.id}:bypass`, true as never);
    mixer.model.track('bass').set(`insert:${eq.id}:peak1.gainDb`, 3);
    mixer.model.track('bass').set('clip.trimStartSec', 0.5);
    mixer.model.track('bass').set('offsetSec', 2);
    await saved(mixer.room);
    await until(() => trackOf(lead.room, 'bass')?.clip.trimStartSec === 0.5, 'the trim at the lead');
    const bass = trackOf(lead.room, 'bass')!;
    expect(bass.offsetSec).toBe(2);
    expect(bass.strip.inserts[chorus.id]).toMatchObject({ kind: 'chorus', bypass: true, order: 1 });
    expect(bass.strip.inserts[eq.id]).toMatchObject({ kind: 'eq', order: 0, params: { peak1: { gainDb: 3 } } });
    expect(mixer.model.addInsert({ kind: 'track', id: 'drums' }, 'chorus')).toMatchObject({ error: expect.stringMatching(/assigned|Drums|read-only/i) });
    expect(mixer.model.removeInsert({ kind: 'track', id: 'bass' }, chorus.id)).toBeNull();
    await saved(mixer.room);
  });
});
