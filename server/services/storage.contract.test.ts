import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/create-db';
import { invite, member, user } from '../../db/schema';
import { createTestPglite, createTestPostgres, postgresReachable, TEST_POSTGRES_URL } from '../../db/testing/test-databases';
import * as projects from './projects/projects';
import * as members from './members/members';
import * as invites from './invites/invites';
import * as tokens from './tokens/api-tokens';
import type { ServiceContext } from './service-context';
import { isAppError } from '../../lib/errors';
import { createDocStore } from '../sync/doc-store';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
}

/**
 * One contract, two backends: the embedded PGlite and the machine's PostgreSQL run the same
 * queries and must give the same answers.
 */
function contract(name: string, open: () => Promise<Database>) {
  describe(`storage contract on ${name}`, () => {
    let database: Database;
    let ctx: ServiceContext;
    let clock = new Date('2026-01-01T00:00:00Z');
    const ids = { lead: 'u-lead', mixer: 'u-mixer', other: 'u-other', stranger: 'u-stranger' };

    beforeAll(async () => {
      database = await open();
      ctx = { db: database.db, publicUrl: 'http://mix.test', now: () => clock };
      await database.db.insert(user).values(
        Object.entries(ids).map(([k, id]) => ({ id, name: k, email: `${k}@example.com` })),
      );
    });
    afterAll(async () => database?.close());

    it('creates a project with its creator as the only lead, and lists it for members only', async () => {
      const p = await projects.createProject(ctx, { userId: ids.lead, name: 'Song' });
      expect(p).toMatchObject({ name: 'Song', role: 'lead' });
      expect((await projects.listProjects(ctx, { userId: ids.lead })).map((x) => x.id)).toContain(p.id);
      expect(await projects.listProjects(ctx, { userId: ids.stranger })).toEqual([]);
      expect(await codeOf(projects.getProject(ctx, { userId: ids.stranger, projectId: p.id }))).toBe('not_found');
    });

    it('lets only the lead rename, manage members and invites; strangers get not_found', async () => {
      const p = await projects.createProject(ctx, { userId: ids.lead, name: 'Rules' });
      await members.addMember(ctx, { userId: ids.lead, projectId: p.id, email: 'MIXER@example.com', role: 'mixer' });
      expect(await codeOf(projects.updateProject(ctx, { userId: ids.mixer, projectId: p.id, name: 'x' }))).toBe('forbidden');
      expect(await codeOf(projects.updateProject(ctx, { userId: ids.stranger, projectId: p.id, name: 'x' }))).toBe('not_found');
      expect(
        await codeOf(members.addMember(ctx, { userId: ids.mixer, projectId: p.id, email: 'other@example.com', role: 'lead' })),
      ).toBe('forbidden');
      expect(await codeOf(invites.createInvite(ctx, { userId: ids.mixer, projectId: p.id, role: 'lead' }))).toBe('forbidden');
      expect((await projects.updateProject(ctx, { userId: ids.lead, projectId: p.id, name: 'Renamed' })).name).toBe('Renamed');
    });

    it('refuses a duplicate member and an unknown email with conflict and not_found', async () => {
      const p = await projects.createProject(ctx, { userId: ids.lead, name: 'Dup' });
      await members.addMember(ctx, { userId: ids.lead, projectId: p.id, email: 'mixer@example.com', role: 'mixer' });
      expect(
        await codeOf(members.addMember(ctx, { userId: ids.lead, projectId: p.id, email: 'mixer@example.com', role: 'reviewer' })),
      ).toBe('conflict');
      expect(
        await codeOf(members.addMember(ctx, { userId: ids.lead, projectId: p.id, email: 'nobody@example.com', role: 'mixer' })),
      ).toBe('not_found');
    });

    it('never leaves a project without a lead, and lets members leave', async () => {
      const p = await projects.createProject(ctx, { userId: ids.lead, name: 'Leads' });
      await members.addMember(ctx, { userId: ids.lead, projectId: p.id, email: 'mixer@example.com', role: 'mixer' });
      expect(await codeOf(members.updateMember(ctx, { userId: ids.lead, projectId: p.id, memberId: ids.lead, role: 'mixer' }))).toBe(
        'conflict',
      );
      expect(await codeOf(members.removeMember(ctx, { userId: ids.lead, projectId: p.id, memberId: ids.lead }))).toBe('conflict');
      await members.updateMember(ctx, { userId: ids.lead, projectId: p.id, memberId: ids.mixer, role: 'lead' });
      await members.removeMember(ctx, { userId: ids.lead, projectId: p.id, memberId: ids.lead });
      const left = await members.listMembers(ctx, { userId: ids.mixer, projectId: p.id });
      expect(left.map((m) => [m.userId, m.role])).toEqual([[ids.mixer, 'lead']]);
      expect(await codeOf(members.removeMember(ctx, { userId: ids.mixer, projectId: p.id, memberId: ids.mixer }))).toBe('conflict');
    });

    it('demotes two leads concurrently without losing the last one', async () => {
      const p = await projects.createProject(ctx, { userId: ids.lead, name: 'Race' });
      await members.addMember(ctx, { userId: ids.lead, projectId: p.id, email: 'other@example.com', role: 'lead' });
      const results = await Promise.allSettled([
        members.updateMember(ctx, { userId: ids.lead, projectId: p.id, memberId: ids.lead, role: 'mixer' }),
        members.updateMember(ctx, { userId: ids.other, projectId: p.id, memberId: ids.other, role: 'mixer' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const leads = (await database.db.select().from(member).where(eq(member.projectId, p.id))).filter((m) => m.role === 'lead');
      expect(leads).toHaveLength(1);
    });

    it('accepts an invite once, with its role, and refuses it when used, revoked or expired', async () => {
      const p = await projects.createProject(ctx, { userId: ids.lead, name: 'Invites' });
      const { url, invite: dto } = await invites.createInvite(ctx, { userId: ids.lead, projectId: p.id, role: 'reviewer' });
      expect(url).toMatch(/^http:\/\/mix\.test\/invite\/inv_/);
      const token = url.split('/').pop()!;
      expect(await invites.previewInvite(ctx, { token })).toMatchObject({ projectName: 'Invites', role: 'reviewer' });
      expect(await invites.acceptInvite(ctx, { userId: ids.other, token })).toMatchObject({ id: p.id, role: 'reviewer' });
      expect(await codeOf(invites.acceptInvite(ctx, { userId: ids.stranger, token }))).toBe('not_found');
      expect((await invites.listInvites(ctx, { userId: ids.lead, projectId: p.id })).map((i) => i.id)).not.toContain(dto.id);

      const revoked = await invites.createInvite(ctx, { userId: ids.lead, projectId: p.id, role: 'mixer' });
      await invites.revokeInvite(ctx, { userId: ids.lead, projectId: p.id, inviteId: revoked.invite.id });
      expect(await codeOf(invites.acceptInvite(ctx, { userId: ids.stranger, token: revoked.url.split('/').pop()! }))).toBe(
        'not_found',
      );

      const expiring = await invites.createInvite(ctx, { userId: ids.lead, projectId: p.id, role: 'mixer', expiresInDays: 1 });
      clock = new Date(clock.getTime() + 2 * 86_400_000);
      expect(await codeOf(invites.acceptInvite(ctx, { userId: ids.stranger, token: expiring.url.split('/').pop()! }))).toBe(
        'not_found',
      );
      const stored = await database.db.select().from(invite).where(eq(invite.projectId, p.id));
      expect(stored.every((row) => !row.tokenHash.startsWith('inv_'))).toBe(true);
    });

    it('finds a user by a token until it expires or is revoked, and stores only its hash', async () => {
      const { token, apiToken } = await tokens.createApiToken(ctx, { userId: ids.mixer, name: 'ci', expiresInDays: 1 });
      expect((await tokens.findUserByApiToken(ctx, token))?.id).toBe(ids.mixer);
      expect(await tokens.findUserByApiToken(ctx, `${token}x`)).toBeUndefined();
      const listed = await tokens.listApiTokens(ctx, { userId: ids.mixer });
      expect(JSON.stringify(listed)).not.toContain(token);
      expect(await codeOf(tokens.deleteApiToken(ctx, { userId: ids.lead, tokenId: apiToken.id }))).toBe('not_found');
      clock = new Date(clock.getTime() + 2 * 86_400_000);
      expect(await tokens.findUserByApiToken(ctx, token)).toBeUndefined();
      const fresh = await tokens.createApiToken(ctx, { userId: ids.mixer, name: 'again' });
      await tokens.deleteApiToken(ctx, { userId: ids.mixer, tokenId: fresh.apiToken.id });
      expect(await tokens.findUserByApiToken(ctx, fresh.token)).toBeUndefined();
    });

    it('G11: stores client id claims with their update, loads them back, and keeps the first claim of an id', async () => {
      const p = await projects.createProject(ctx, { userId: ids.lead, name: 'Claims' });
      const store = createDocStore(database.db);
      const update = new Uint8Array([0, 0]);
      const [first] = await store.append([{ projectId: p.id, update, userId: ids.mixer, changes: [], claims: [4_294_967_295, 12] }]);
      await store.append([
        { projectId: p.id, update, userId: ids.lead, changes: [], claims: [12, 13] },
        { projectId: p.id, update, userId: null, changes: [], claims: [14] },
      ]);
      const loaded = await store.load(p.id);
      expect(first).toBeGreaterThan(0);
      expect(loaded.updates).toHaveLength(3);
      expect(loaded.owners).toEqual(new Map([[4_294_967_295, ids.mixer], [12, ids.mixer], [13, ids.lead]]));
    });

    it('deletes a project with its members and invites', async () => {
      const p = await projects.createProject(ctx, { userId: ids.lead, name: 'Gone' });
      await invites.createInvite(ctx, { userId: ids.lead, projectId: p.id, role: 'mixer' });
      await projects.deleteProject(ctx, { userId: ids.lead, projectId: p.id });
      expect(await database.db.select().from(member).where(eq(member.projectId, p.id))).toEqual([]);
      expect(await database.db.select().from(invite).where(eq(invite.projectId, p.id))).toEqual([]);
    });
  });
}

contract('PGlite (in memory)', createTestPglite);
contract('PostgreSQL', async () => {
  // Never skipped: an unreachable server fails the suite (.ci/run starts it when it is down).
  if (!(await postgresReachable())) throw new Error(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL}`);
  return createTestPostgres();
});
