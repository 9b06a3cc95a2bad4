import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RevisionDto } from '../../../../../lib/api/dto';
import type { NodeXhr } from '../../../../../server/testing/node-xhr';
import { createProjectWithMembers, type ProjectWithMembers } from '../../../../../server/testing/project-with-members';
import { until } from '../../../../../server/testing/sync-client';
import { startTestApp, type TestApp } from '../../../../../server/testing/test-app';
import { type PublishJob, PublishFlow, type PublishFlowOptions, type PublishStep, type RevisionRenderer } from './publish-flow';
import { addStemTrack, nodeRenderer, testClient } from './revisions-test-support';

let app: TestApp;
let project: ProjectWithMembers;
const flows: PublishFlow[] = [];

beforeAll(async () => {
  app = await startTestApp();
  project = await createProjectWithMembers(app, 'Publish flow');
  await addStemTrack(app, project.projectId, project.tokens.lead, 'bass.wav', 110);
  await addStemTrack(app, project.projectId, project.tokens.lead, 'keys.wav', 330);
});

afterEach(() => {
  for (const f of flows.splice(0)) f.destroy();
});

afterAll(async () => {
  await app?.close();
});

function flow(options: Partial<PublishFlowOptions> & { token?: string } = {}): PublishFlow {
  const token = options.token ?? project.tokens.lead;
  const created = new PublishFlow({ projectId: project.projectId, client: testClient(app, token), render: nodeRenderer(app, token), ...options });
  flows.push(created);
  return created;
}

/** The steps the flow went through, each once, in order. */
function steps(f: PublishFlow): PublishStep[] {
  const seen: PublishStep[] = [f.snapshot.step];
  f.subscribe(() => {
    if (seen[seen.length - 1] !== f.snapshot.step) seen.push(f.snapshot.step);
  });
  return seen;
}

async function revision(id: string, token = project.tokens.reviewer): Promise<RevisionDto> {
  return ((await (await app.request(`/api/revisions/${id}`, { token })).json()) as { revision: RevisionDto }).revision;
}

/** A renderer that reports some progress and then waits until it is cancelled. */
const hanging: RevisionRenderer = (_request, onProgress, signal) =>
  new Promise((_resolve, reject) => {
    onProgress({ phase: 'fetching', fraction: 1 });
    onProgress({ phase: 'rendering', fraction: 0.5 });
    signal.addEventListener('abort', () => reject(new Error('the worker was terminated')), { once: true });
  });

describe('PublishFlow', () => {
  it('publishes a mix: creates the revision, renders what it holds, uploads it with progress, and ends ready with the server\'s loudness', async () => {
    const told: Array<string | undefined> = [];
    const rendered: Uint8Array[] = [];
    const render = nodeRenderer(app, project.tokens.lead);
    const f = flow({
      onRevisionChanged: (r) => told.push(r?.status),
      render: async (...args) => {
        const result = await render(...args);
        rendered.push(result.bytes);
        return result;
      },
    });
    const seen = steps(f);
    await f.publish({ title: 'First rough', notes: 'drums up', kind: 'mix' });
    expect(f.snapshot).toMatchObject({ step: 'ready', error: null, revision: { number: 1, title: 'First rough', status: 'ready', kind: 'mix' } });
    expect(seen).toEqual(['idle', 'publishing', 'fetching', 'rendering', 'uploading', 'measuring', 'ready']);
    expect(f.snapshot.render?.integratedLufs).toEqual(expect.any(Number));
    expect(told).toEqual(['rendering', 'ready']);
    const stored = (await revision(f.snapshot.revision!.id)).renders[0];
    expect(stored.kind).toBe('mix');
    const bytes = new Uint8Array(await (await app.request(stored.audioUrl, { token: project.tokens.reviewer })).arrayBuffer());
    expect(Buffer.from(bytes).equals(Buffer.from(rendered[0]))).toBe(true);
  });

  it('cancel during the render stops the renderer, leaves the revision "rendering", and renderRevision completes it later', async () => {
    let renderer: RevisionRenderer = hanging;
    const f = flow({ render: (...args) => renderer(...args) });
    const publishing = f.publish({ title: 'Cancelled', notes: '', kind: 'mix' });
    await until(() => f.snapshot.step === 'rendering', 'the render to start');
    f.cancel();
    await publishing;
    expect(f.snapshot).toMatchObject({ step: 'cancelled', error: null });
    const pending = f.snapshot.revision!;
    expect((await revision(pending.id)).status).toBe('rendering');

    renderer = nodeRenderer(app, project.tokens.lead);
    await f.renderRevision(pending);
    expect(f.snapshot).toMatchObject({ step: 'ready', revision: { id: pending.id, status: 'ready' } });
    expect((await revision(pending.id)).status).toBe('ready');
  });

  it('cancel while the server takes the revision waits for its answer, so the revision it made is known and stays "rendering"', async () => {
    let rendered = 0;
    const f = flow({ render: (...args) => (rendered++, nodeRenderer(app, project.tokens.lead)(...args)) });
    const publishing = f.publish({ title: 'Cancelled at once', notes: '', kind: 'mix' });
    expect(f.snapshot.step).toBe('publishing');
    f.cancel();
    await publishing;
    expect(f.snapshot).toMatchObject({ step: 'cancelled', revision: { title: 'Cancelled at once' } });
    expect(rendered).toBe(0);
    expect((await revision(f.snapshot.revision!.id)).status).toBe('rendering');
  });

  it('cancel during the upload aborts it: the server stores nothing and the revision stays "rendering"', async () => {
    const made: NodeXhr[] = [];
    const f = flow({ client: testClient(app, project.tokens.lead, made, 4 * 1024) });
    f.subscribe(() => {
      if (f.snapshot.step === 'uploading' && f.snapshot.fraction > 0) f.cancel();
    });
    await f.publish({ title: 'Upload cancelled', notes: '', kind: 'mix' });
    expect(f.snapshot.step).toBe('cancelled');
    expect(made).toHaveLength(1);
    expect(made[0].readyState).toBe(0);
    const after = await revision(f.snapshot.revision!.id);
    expect(after).toMatchObject({ status: 'rendering', renders: [] });
  });

  it('does not upload a render whose provenance is not the revision\'s, and says why with both hashes', async () => {
    const made: NodeXhr[] = [];
    const render = nodeRenderer(app, project.tokens.lead);
    // Another state than the revision's: what an outdated engine or a changed snapshot would give.
    const other: RevisionRenderer = (request, onProgress, signal) =>
      render({ ...request, mix: { ...request.mix, tracks: request.mix.tracks.map((t) => ({ ...t, strip: { ...t.strip, gainDb: t.strip.gainDb - 1 } })) } }, onProgress, signal);
    const f = flow({ render: other, client: testClient(app, project.tokens.lead, made) });
    await f.publish({ title: 'Wrong engine', notes: '', kind: 'mix' });
    const expected = f.snapshot.revision!.provenance.mix!;
    expect(f.snapshot.step).toBe('failed');
    expect(f.snapshot.error).toContain(expected);
    expect(f.snapshot.error).toMatch(/provenance [0-9a-f]{64}, but revision \d+ expects [0-9a-f]{64}/);
    expect(made).toHaveLength(0);
    expect((await revision(f.snapshot.revision!.id)).status).toBe('rendering');
  });

  it('fails with the server\'s message when the server refuses the upload (a file of another state), and stores nothing', async () => {
    const render = nodeRenderer(app, project.tokens.lead);
    // Claims the revision's provenance but carries another state's bytes: the server reads the file.
    const lying: RevisionRenderer = async (request, onProgress, signal) => {
      const honest = await render(request, onProgress, signal);
      const changed = await render({ ...request, mix: { ...request.mix, meta: { ...request.mix.meta, bpm: request.mix.meta.bpm + 1 } } }, onProgress, signal);
      return { bytes: changed.bytes, provenance: honest.provenance };
    };
    const f = flow({ render: lying });
    await f.publish({ title: 'Refused', notes: '', kind: 'mix' });
    expect(f.snapshot).toMatchObject({ step: 'failed' });
    expect(f.snapshot.error).toMatch(/this render is not of revision \d+/);
    expect((await revision(f.snapshot.revision!.id)).renders).toEqual([]);
  });

  it('fails when the renderer cannot load a stem, leaving the revision "rendering"', async () => {
    const f = flow({ render: nodeRenderer(app, 'mx_not-a-token') });
    await f.publish({ title: 'No stems', notes: '', kind: 'mix' });
    expect(f.snapshot.step).toBe('failed');
    expect(f.snapshot.error).toMatch(/stem .* could not be loaded: the server answered 401/);
    expect((await revision(f.snapshot.revision!.id)).status).toBe('rendering');
  });

  it('a role that may not publish fails at the first step with the server\'s reason, and no revision exists', async () => {
    const before = ((await (await app.request(`/api/projects/${project.projectId}/revisions`, { token: project.tokens.lead })).json()) as { revisions: unknown[] }).revisions.length;
    const f = flow({ token: project.tokens.mixer });
    await f.publish({ title: 'Not mine', notes: '', kind: 'mix' });
    expect(f.snapshot).toMatchObject({ step: 'failed', revision: null, error: 'a mixer may not publish a mix' });
    const after = ((await (await app.request(`/api/projects/${project.projectId}/revisions`, { token: project.tokens.lead })).json()) as { revisions: unknown[] }).revisions.length;
    expect(after).toBe(before);
  });

  it('the mastering engineer publishes a master revision, rendered through the master section', async () => {
    const f = flow({ token: project.tokens.mastering });
    await f.publish({ title: 'Master A', notes: '', kind: 'master' });
    expect(f.snapshot).toMatchObject({ step: 'ready', kind: 'master', revision: { kind: 'master', status: 'ready' }, render: { kind: 'master' } });
  });

  it('ignores a second publish while one runs, and destroy stops the render and tells nobody', async () => {
    const f = flow({ render: hanging });
    const first = f.publish({ title: 'One at a time', notes: '', kind: 'mix' });
    await until(() => f.snapshot.step === 'rendering', 'the render to start');
    const running: PublishJob = f.snapshot;
    await f.publish({ title: 'Second', notes: '', kind: 'mix' });
    expect(f.snapshot).toBe(running);
    let told = 0;
    f.subscribe(() => told++);
    f.destroy();
    await first;
    expect(told).toBe(0);
    expect(f.snapshot.step).toBe('rendering');
  });
});
