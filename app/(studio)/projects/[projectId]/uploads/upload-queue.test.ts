import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readMix } from '../../../../../lib/doc';
import type { ClientRoom } from '../../../../../lib/sync/client-room';
import { type NodeXhr, nodeXhrFactory } from '../../../../../server/testing/node-xhr';
import { createProjectWithMembers, type ProjectWithMembers } from '../../../../../server/testing/project-with-members';
import { connectRoom, synced, until } from '../../../../../server/testing/sync-client';
import { startTestApp, type TestApp } from '../../../../../server/testing/test-app';
import { wav24 } from '../../../../../server/testing/wav-fixtures';
import { type UploadItem, UploadQueue, type UploadQueueOptions } from './upload-queue';

let app: TestApp;
let project: ProjectWithMembers;
let room: ClientRoom;
const queues: UploadQueue[] = [];

/**
 * A queue of the lead's uploads that sends real requests to the test app, 16 KiB at a time; the
 * requests it makes are collected in `requests`.
 */
function queue(options: Partial<UploadQueueOptions> & { baseUrl?: string; requests?: NodeXhr[] } = {}): UploadQueue {
  const created = new UploadQueue({
    projectId: project.projectId,
    createRequest: nodeXhrFactory({ baseUrl: options.baseUrl ?? app.url, token: project.tokens.lead, chunkBytes: 16 * 1024 }, options.requests),
    ...options,
  });
  queues.push(created);
  return created;
}

function wavFile(name: string, seconds: number): File {
  return new File([new Uint8Array(wav24({ sampleRate: 48_000, channels: 2, frames: Math.round(48_000 * seconds) }))], name, { type: 'audio/wav' });
}

/** Every snapshot the queue tells its listeners about, in order. */
function record(q: UploadQueue): UploadItem[][] {
  const seen: UploadItem[][] = [];
  q.subscribe(() => seen.push([...q.snapshot]));
  return seen;
}

const item = (q: UploadQueue, id: string) => q.snapshot.find((i) => i.id === id)!;
const trackNames = () => readMix(room.doc).tracks.map((t) => t.name);

beforeAll(async () => {
  app = await startTestApp();
  project = await createProjectWithMembers(app, 'Upload queue');
  room = connectRoom(app.url, project.projectId, project.tokens.lead);
  await synced(room);
});

afterEach(() => {
  for (const q of queues.splice(0)) q.destroy();
});

afterAll(async () => {
  room?.destroy();
  await app?.close();
});

describe('UploadQueue', () => {
  it('sends a file with its progress up to 100%, then processing, then done with the new track', async () => {
    const q = queue();
    const seen = record(q);
    const [id] = q.add([wavFile('Bass take.wav', 0.5)]);
    await until(() => item(q, id).state === 'done', 'the upload to finish');

    const mine = seen.map((list) => list.find((i) => i.id === id)!);
    expect(mine[0].state).toBe('queued');
    const percents = mine.filter((i) => i.state === 'uploading').map((i) => i.percent);
    expect(percents[0]).toBe(0);
    expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(mine.findIndex((i) => i.state === 'processing')).toBeGreaterThan(mine.findLastIndex((i) => i.state === 'uploading'));
    const done = item(q, id);
    expect(done).toMatchObject({ percent: 100, error: null });
    await until(() => readMix(room.doc).tracks.some((t) => t.id === done.result?.trackId), 'the new track in the document');
    const track = readMix(room.doc).tracks.find((t) => t.id === done.result!.trackId)!;
    expect(track).toMatchObject({ name: 'Bass take', stemId: done.result!.stemId });
  });

  it("fails a file the server refuses, with the server's own reason", async () => {
    const q = queue();
    const [id] = q.add([new File(['<!DOCTYPE html><html><body>not audio</body></html>'], 'fake.wav', { type: 'audio/wav' })]);
    await until(() => item(q, id).state === 'failed', 'the refusal');
    expect(item(q, id).error).toMatch(/HTML/i);
    expect(item(q, id).result).toBeNull();
  });

  it('fails with a clear message when the server cannot be reached', async () => {
    const q = queue({ baseUrl: 'http://127.0.0.1:1' });
    const [id] = q.add([wavFile('Nowhere.wav', 0.1)]);
    await until(() => item(q, id).state === 'failed', 'the failure');
    expect(item(q, id).error).toBe('Could not reach the server. Check your connection and try again.');
  });

  it('cancels a queued and an uploading file, sends the next, and neither cancelled file becomes a track', async () => {
    const requests: NodeXhr[] = [];
    const q = queue({ concurrency: 1, requests });
    const [first, second, third] = q.add([wavFile('Cancel while sending.wav', 4), wavFile('Sent after.wav', 0.2), wavFile('Cancel while queued.wav', 0.2)]);
    expect(item(q, third).state).toBe('queued');
    q.cancel(third);
    expect(item(q, third).state).toBe('cancelled');
    // Cancelled in the middle of its body, at the first progress report.
    q.subscribe(() => {
      const sending = q.snapshot.find((i) => i.id === first);
      if (sending?.state === 'uploading' && sending.percent > 0) q.cancel(first);
    });
    await until(() => item(q, second).state === 'done', 'the file after the cancelled one');
    expect(item(q, first)).toMatchObject({ state: 'cancelled', result: null });
    expect(item(q, first).percent).toBeLessThan(100);
    expect(item(q, third)).toMatchObject({ state: 'cancelled', percent: 0 });
    // The cancelled request was stopped, not left to finish: only the second file was ever requested besides it.
    expect(requests.map((r) => r.readyState)).toEqual([0, 4]);
    // Had it gone on, a file as long sent after it would not be done before it.
    const [again] = q.add([wavFile('As long, sent later.wav', 4)]);
    await until(() => item(q, again).state === 'done', 'a file as long as the cancelled one');
    await until(() => trackNames().includes('As long, sent later'), 'the sent files in the document');
    expect(trackNames()).toContain('Sent after');
    expect(trackNames()).not.toContain('Cancel while sending');
    expect(trackNames()).not.toContain('Cancel while queued');

    q.clearFinished();
    expect(q.snapshot).toEqual([]);
  });

  it('aborts what is running on destroy and tells nobody afterwards', async () => {
    const requests: NodeXhr[] = [];
    const q = queue({ requests });
    let told = 0;
    let destroyedAt: UploadItem | null = null;
    q.subscribe(() => {
      told++;
      const sending = q.snapshot[0];
      if (!destroyedAt && sending?.state === 'uploading' && sending.percent > 0) {
        destroyedAt = sending;
        q.destroy();
      }
    });
    q.add([wavFile('Destroyed while sending.wav', 4)]);
    await until(() => destroyedAt !== null, 'the upload to start');
    const toldThen = told;
    expect(requests.map((r) => r.readyState)).toEqual([0]);
    // Had it gone on, a file as long sent after it would not be done before it.
    const after = queue();
    const [id] = after.add([wavFile('Uploaded later.wav', 4)]);
    await until(() => item(after, id).state === 'done', 'a later upload');
    expect(told).toBe(toldThen);
    expect(q.snapshot[0]).toBe(destroyedAt);
    expect(q.add([wavFile('After destroy.wav', 0.1)])).toEqual([]);
    await until(() => trackNames().includes('Uploaded later'), 'the later file in the document');
    expect(trackNames()).not.toContain('Destroyed while sending');
  });
});
