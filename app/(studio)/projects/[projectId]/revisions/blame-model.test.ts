import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTrack, setStripParam } from '../../../../../lib/doc';
import type { ClientRoom } from '../../../../../lib/sync/client-room';
import { createProjectWithMembers, type ProjectWithMembers } from '../../../../../server/testing/project-with-members';
import { connectRoom, synced, until } from '../../../../../server/testing/sync-client';
import { startTestApp, type TestApp } from '../../../../../server/testing/test-app';
import { ApiError } from '../../../../_lib/api';
import { MixerModel } from '../mixer/mixer-model';
import { BlameModel, type BlameModelOptions, type BlameTimers } from './blame-model';
import type { JsonRequest } from './revisions-client';
import { tokenRequest } from './revisions-test-support';

let app: TestApp;
let project: ProjectWithMembers;
let leadRoom: ClientRoom;
let lead: MixerModel;
const destroy: Array<{ destroy(): void }> = [];

beforeAll(async () => {
  app = await startTestApp();
  project = await createProjectWithMembers(app, 'Blame', (doc, users) => {
    createTrack(doc, 'bass', { name: 'Bass', assignees: [users.mixer.id] });
  });
  leadRoom = connectRoom(app.url, project.projectId, project.tokens.lead);
  lead = new MixerModel(leadRoom, { userId: project.users.lead.id, role: 'lead' });
  await until(() => lead.snapshot.loaded, 'the lead\'s mix');
});

afterEach(() => {
  for (const d of destroy.splice(0)) d.destroy();
});

afterAll(async () => {
  lead?.destroy();
  leadRoom?.destroy();
  await app?.close();
});

/** A blame model on the lead's mix, counting its requests. */
function blame(options: Partial<BlameModelOptions> = {}): { model: BlameModel; requests: { count: number } } {
  const requests = { count: 0 };
  const real = options.request ?? tokenRequest(app, project.tokens.lead);
  const request: JsonRequest = (path, init) => {
    requests.count++;
    return real(path, init);
  };
  const model = new BlameModel({ projectId: project.projectId, mix: lead, settleMs: 20, ...options, request });
  destroy.push(model);
  return { model, requests };
}

/** Timers the test fires by hand. */
class ManualTimers implements BlameTimers {
  pending = new Map<number, () => void>();
  private next = 1;
  setTimeout = (fn: () => void) => {
    const id = this.next++;
    this.pending.set(id, fn);
    return id;
  };
  clearTimeout = (id: unknown) => void this.pending.delete(id as number);
  fireAll(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    due.forEach((fn) => fn());
  }
}

async function mixerEdit(param: 'gainDb' | 'pan', value: number): Promise<void> {
  const room = connectRoom(app.url, project.projectId, project.tokens.mixer);
  try {
    await synced(room);
    setStripParam(room.doc, 'bass', param, value);
    await until(() => room.snapshot.save === 'saved', 'the mixer\'s edit to be saved');
  } finally {
    room.destroy();
  }
}

const FADER = 'tracks/bass/strip/gainDb';

describe('BlameModel', () => {
  it('answers for a parameter never changed with whoever added its track, and for a changed one with who changed it, in words', async () => {
    const { model } = blame();
    await until(() => model.snapshot.loaded, 'blame');
    expect(model.describe(FADER)).toBe('Lea Lead · just now');
    expect(model.describe('master/width')).toBeNull();
    await mixerEdit('gainDb', -4.5);
    await until(() => model.describe(FADER)?.startsWith('Max Mixer') === true, 'the mixer\'s edit in blame');
    expect(model.describe(FADER, Date.now() + 3 * 60_000)).toBe('Max Mixer · 3 min ago');
    expect(model.describe('tracks/bass/strip/pan')).toBe('Lea Lead · just now');
  });

  it('reads blame once per quiet spell, however many changes arrive in it', async () => {
    const timers = new ManualTimers();
    const { model, requests } = blame({ timers });
    await until(() => model.snapshot.loaded, 'blame');
    expect(requests.count).toBe(1);
    const bass = lead.track('bass');
    bass.set('pan', 0.1);
    bass.set('pan', 0.2);
    bass.set('pan', 0.3);
    expect(timers.pending.size).toBe(1);
    expect(requests.count).toBe(1);
    await until(() => leadRoom.snapshot.save === 'saved', 'the lead\'s edits to be saved');
    timers.fireAll();
    await until(() => model.describe('tracks/bass/strip/pan')?.startsWith('Lea Lead') === true && requests.count === 2, 'the second read');
    expect(model.lookup('tracks/bass/strip/pan')?.user?.name).toBe('Lea Lead');
  });

  it('keeps what it knew when a read fails, and says why', async () => {
    let fail = false;
    const real = tokenRequest(app, project.tokens.lead);
    const { model } = blame({ request: (path, init) => (fail ? Promise.reject(new ApiError(0, 'network', 'Could not reach the server.')) : real(path, init)) });
    await until(() => model.snapshot.loaded, 'blame');
    const known = model.snapshot.entries;
    fail = true;
    await model.refresh();
    expect(model.snapshot).toMatchObject({ loaded: true, error: 'Could not reach the server.' });
    expect(model.snapshot.entries).toBe(known);
  });

  it('shows names without bidirectional controls', async () => {
    const real = tokenRequest(app, project.tokens.lead);
    const { model } = blame({
      request: async <T,>(path: string, init?: Parameters<JsonRequest>[1]) => {
        const answer = await real<{ blame: Record<string, { user: { id: string; name: string } | null; at: string }> }>(path, init);
        for (const entry of Object.values(answer.blame)) if (entry.user) entry.user = { ...entry.user, name: `\u202Egnp.exe${entry.user.name}` };
        return answer as T;
      },
    });
    await until(() => model.snapshot.loaded, 'blame');
    expect(model.describe(FADER)).toMatch(/^gnp\.exe(Lea Lead|Max Mixer) · /);
  });

  it('stops following the mix once destroyed: no timer left, no more reads', async () => {
    const timers = new ManualTimers();
    const { model, requests } = blame({ timers });
    await until(() => model.snapshot.loaded, 'blame');
    lead.track('bass').set('pan', -0.2);
    expect(timers.pending.size).toBe(1);
    model.destroy();
    expect(timers.pending.size).toBe(0);
    lead.track('bass').set('pan', -0.3);
    expect(timers.pending.size).toBe(0);
    expect(requests.count).toBe(1);
    await until(() => leadRoom.snapshot.save === 'saved', 'the lead\'s edits to be saved');
  });
});
