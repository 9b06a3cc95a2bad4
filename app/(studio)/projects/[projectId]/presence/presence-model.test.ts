import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTrack } from '../../../../../lib/doc';
import type { Role } from '../../../../../lib/roles';
import type { ClientRoom } from '../../../../../lib/sync/client-room';
import { createProjectWithMembers, type ProjectWithMembers } from '../../../../../server/testing/project-with-members';
import { connectRoom, synced, until } from '../../../../../server/testing/sync-client';
import { startTestApp, type TestApp } from '../../../../../server/testing/test-app';
import { type Person, PresenceModel, type PresenceModelOptions } from './presence-model';

let app: TestApp;
let project: ProjectWithMembers;
const opened: Array<{ room: ClientRoom; presence: PresenceModel }> = [];

async function open(role: Role, options: Partial<PresenceModelOptions> = {}): Promise<{ room: ClientRoom; presence: PresenceModel }> {
  const room = connectRoom(app.url, project.projectId, project.tokens[role]);
  const presence = new PresenceModel(room, { userId: project.users[role].id, ...options });
  opened.push({ room, presence });
  await synced(room);
  return { room, presence };
}

const personNamed = (presence: PresenceModel, name: string): Person | undefined => presence.snapshot.find((p) => p.user.name === name);
const focusOf = (presence: PresenceModel, name: string) => personNamed(presence, name)?.focus ?? null;

beforeAll(async () => {
  app = await startTestApp();
  project = await createProjectWithMembers(app, 'Presence model', (doc, users) => createTrack(doc, 'bass', { name: 'Bass', assignees: [users.mixer.id] }));
});

// Each test's people leave: a tab left open would still be "Max Mixer" with its own focus.
afterEach(() => {
  for (const { room, presence } of opened.splice(0)) {
    presence.destroy();
    room.destroy();
  }
});

afterAll(async () => {
  await app?.close();
});

describe('PresenceModel', () => {
  it('shows what another person touches as their focus, with the name and role the server stamped, and never oneself', async () => {
    const lead = await open('lead');
    const mixer = await open('mixer');
    mixer.presence.touch({ trackId: 'bass', control: 'fader' });
    await until(() => focusOf(lead.presence, 'Max Mixer')?.control === 'fader', "the mixer's focus at the lead");
    expect(personNamed(lead.presence, 'Max Mixer')).toMatchObject({ user: { id: project.users.mixer.id, role: 'mixer' }, focus: { trackId: 'bass', control: 'fader' } });
    expect(personNamed(lead.presence, 'Max Mixer')?.user.color).toMatch(/^#[0-9a-f]{6}$/i);
    await until(() => personNamed(mixer.presence, 'Lea Lead') !== undefined, 'the lead at the mixer');
    expect(mixer.presence.snapshot.some((p) => p.user.id === project.users.mixer.id)).toBe(false);
    expect(lead.presence.snapshot.some((p) => p.user.id === project.users.lead.id)).toBe(false);
  });

  it('keeps a released control marked for the linger time; touching again in time keeps it', async () => {
    const lead = await open('lead');
    const mixer = await open('mixer', { lingerMs: 200 });
    const pan = { trackId: 'bass', control: 'pan' } as const;
    mixer.presence.touch(pan);
    await until(() => focusOf(lead.presence, 'Max Mixer')?.control === 'pan', 'the touch');
    mixer.presence.release(pan);
    mixer.presence.touch(pan);
    const releasedAt = Date.now();
    mixer.presence.release(pan);
    await until(() => focusOf(lead.presence, 'Max Mixer') === null, 'the mark to go');
    expect(Date.now() - releasedAt).toBeGreaterThanOrEqual(200);
  });

  it('merges the tabs of one person, with the focus touched last, and shares playheads', async () => {
    const lead = await open('lead');
    const tab1 = await open('mixer');
    const tab2 = await open('mixer');
    tab1.presence.touch({ trackId: 'bass', control: 'mute' });
    await until(() => focusOf(lead.presence, 'Max Mixer')?.control === 'mute', 'the first tab');
    tab2.presence.touch({ trackId: 'bass', control: 'solo' });
    await until(() => focusOf(lead.presence, 'Max Mixer')?.control === 'solo', 'the second tab');
    expect(lead.presence.snapshot.filter((p) => p.user.name === 'Max Mixer')).toHaveLength(1);
    // A user's other tab is not another person.
    await until(() => tab1.room.provider.awareness.getStates().has(tab2.room.provider.awareness.clientID), 'the second tab at the first');
    expect(tab1.presence.snapshot.map((p) => p.user.name)).toEqual(['Lea Lead']);
    tab2.presence.setPlayhead(12.5);
    await until(() => personNamed(lead.presence, 'Max Mixer')?.playhead === 12.5, 'the playhead');
    tab2.presence.setPlayhead(null);
    await until(() => personNamed(lead.presence, 'Max Mixer')?.playhead === null, 'the playhead to go');
  });

  it('shares what a transport does (playing, loop) with its playhead, for others to follow; a malformed one reads as none', async () => {
    const lead = await open('lead');
    const mixer = await open('mixer');
    const before = Date.now();
    lead.presence.setTransport(42, { playing: true, loop: { startSec: 40, endSec: 48 }, looping: true });
    await until(() => personNamed(mixer.presence, 'Lea Lead')?.transport?.playing === true, "the lead's transport at the mixer");
    const seen = personNamed(mixer.presence, 'Lea Lead')!;
    expect(seen).toMatchObject({ playhead: 42, transport: { playing: true, loop: { startSec: 40, endSec: 48 }, looping: true } });
    expect(seen.playheadAt).toBeGreaterThanOrEqual(before - 1000);
    lead.presence.setTransport(50, { playing: false, loop: null, looping: false });
    await until(() => personNamed(mixer.presence, 'Lea Lead')?.playhead === 50, 'the pause');
    expect(personNamed(mixer.presence, 'Lea Lead')?.transport).toEqual({ playing: false, loop: null, looping: false });

    // States come from other clients: a transport that is not what this client publishes is none, an impossible loop no loop.
    lead.room.provider.awareness.setLocalState({ focus: null, playhead: 5, transport: { playing: 'yes', loop: null, looping: false } });
    await until(() => personNamed(mixer.presence, 'Lea Lead')?.playhead === 5, 'the odd state');
    expect(personNamed(mixer.presence, 'Lea Lead')?.transport).toBeNull();
    lead.room.provider.awareness.setLocalState({ focus: null, playhead: 6, transport: { playing: true, loop: { startSec: 9, endSec: 3 }, looping: true } });
    await until(() => personNamed(mixer.presence, 'Lea Lead')?.playhead === 6, 'the backwards loop');
    expect(personNamed(mixer.presence, 'Lea Lead')?.transport).toEqual({ playing: true, loop: null, looping: false });
  });

  it('publishes the focus again on the new connection after the room resets', async () => {
    const lead = await open('lead');
    const mixer = await open('mixer');
    mixer.presence.touch({ trackId: 'bass', control: 'gain' });
    await until(() => focusOf(lead.presence, 'Max Mixer')?.control === 'gain', 'the touch');
    const before = mixer.room.provider.awareness.clientID;
    mixer.room.reset();
    await synced(mixer.room);
    const after = mixer.room.provider.awareness.clientID;
    expect(after).not.toBe(before);
    await until(() => {
      const state = lead.room.provider.awareness.getStates().get(after) as { focus?: { control?: string } } | undefined;
      return state?.focus?.control === 'gain';
    }, 'the focus from the new connection');
    expect(focusOf(lead.presence, 'Max Mixer')?.control).toBe('gain');
  });

  it('on destroy stops telling listeners and drops the pending release', async () => {
    const lead = await open('lead');
    const mixer = await open('mixer', { lingerMs: 30 });
    const fader = { trackId: 'bass', control: 'fader' } as const;
    mixer.presence.touch(fader);
    await until(() => focusOf(lead.presence, 'Max Mixer')?.control === 'fader', 'the touch');
    let told = 0;
    lead.presence.subscribe(() => told++);
    lead.presence.destroy();
    mixer.presence.release(fader);
    mixer.presence.destroy();
    // Past the linger time: the release timer would have published `focus: null` by now.
    await new Promise((r) => setTimeout(r, 150));
    expect((mixer.room.provider.awareness.getLocalState() as { focus: unknown }).focus).toEqual(fader);
    mixer.room.provider.awareness.setLocalState({ focus: null, playhead: 3 });
    await until(() => {
      const state = lead.room.provider.awareness.getStates().get(mixer.room.provider.awareness.clientID) as { playhead?: number } | undefined;
      return state?.playhead === 3;
    }, 'a later awareness change at the lead');
    expect(told).toBe(0);
  });
});
