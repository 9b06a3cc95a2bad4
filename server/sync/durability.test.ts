import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTrack, readMix } from '../../lib/doc';
import { request, sessionCookie } from '../testing/test-app';
import { spawnServer, type SpawnedServer } from '../testing/spawn-server';
import { connectRoom, synced, until } from '../testing/sync-client';

const ROUNDS = Number(process.env.DURABILITY_ROUNDS ?? 10);
const MAX_EDITS_PER_ROUND = 150;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mixroom-durability-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const start = () => spawnServer({ MIXROOM_DATA_DIR: dataDir, MIXROOM_DEMO: '0' });

describe('durability', () => {
  it(`W9: over ${ROUNDS} rounds of edit, Saved, kill -9 within 0-50 ms and restart, every edit shown as Saved survives`, async () => {
    let server: SpawnedServer = await start();
    const api = (p: string, init: Parameters<typeof request>[3] = {}) => request(server.url, server.url, p, init);
    const signUp = await api('/api/auth/sign-up/email', {
      json: { name: 'Durable Lead', email: 'durable@example.com', password: 'durable password' },
    });
    const cookie = sessionCookie(signUp);
    const project = (await (await api('/api/projects', { cookie, json: { name: 'Durable' } })).json()) as { project: { id: string } };
    const { token } = (await (await api('/api/tokens', { cookie, json: { name: 'durability' } })).json()) as { token: string };

    const acked: string[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const room = connectRoom(server.url, project.project.id, token);
        await synced(room);
        const made: string[] = [];
        let ackedThisRound = 0;
        // Everything made before a Saved arrived is acknowledged (Saved covers the whole local clock).
        const unsubscribe = room.subscribe(() => {
          if (room.snapshot.save === 'saved') ackedThisRound = made.length;
        });
        const edit = () => {
          // Bounded, so that the document stays small however slow the first commit is.
          if (made.length >= MAX_EDITS_PER_ROUND) return;
          const id = `r${round}-e${made.length}`;
          createTrack(room.doc, id, { name: id });
          made.push(id);
        };
        // A first edit warms the freshly started server up (its first commit is slow), then a burst
        // runs while the server is killed 0-50 ms after the burst's first Saved.
        edit();
        await until(() => ackedThisRound > 0, `a Saved message in round ${round}`, 60_000);
        const warm = made.length;
        const ticker = setInterval(edit, 3);
        await until(() => ackedThisRound > warm, `a Saved message for the burst of round ${round}`, 60_000);
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 50)));
        server.kill('SIGKILL');
        clearInterval(ticker);
        unsubscribe();
        await server.exited;
        room.destroy();
        expect(ackedThisRound, `round ${round} acknowledged an edit`).toBeGreaterThan(0);
        acked.push(...made.slice(0, ackedThisRound));

        process.stderr.write(`round ${round}: acked ${ackedThisRound}/${made.length}\n`);
        server = await start();
        const check = connectRoom(server.url, project.project.id, token);
        await synced(check);
        const present = new Set(readMix(check.doc).tracks.map((t) => t.id));
        const lost = acked.filter((id) => !present.has(id));
        check.destroy();
        expect(lost, `edits shown as Saved but lost after round ${round}`).toEqual([]);
      }
    } finally {
      server.kill('SIGKILL');
      await server.exited;
    }
    expect(acked.length).toBeGreaterThanOrEqual(ROUNDS);
  }, 600_000);
});
