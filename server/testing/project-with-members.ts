import type * as Y from 'yjs';
import type { Role } from '../../lib/roles';
import { connectRoom, synced, until } from './sync-client';
import { createToken, signUp, type TestApp, type TestUser } from './test-app';

export interface ProjectWithMembers {
  projectId: string;
  /** One user per role, in the project with that role (the lead made it). */
  users: Record<Role, TestUser>;
  /** Each of those users' API token, for `connectRoom`. */
  tokens: Record<Role, string>;
}

/**
 * A new project with a lead, a mixer, a mastering engineer and a reviewer, each with an API token.
 * `seed`, when given, writes the starting document as the lead (through a real room), and the
 * project is returned once the server has saved it.
 */
export async function createProjectWithMembers(
  app: TestApp,
  name = 'Test song',
  seed?: (doc: Y.Doc, users: Record<Role, TestUser>) => void,
): Promise<ProjectWithMembers> {
  const lead = await signUp(app, 'Lea Lead');
  const others = { mixer: await signUp(app, 'Max Mixer'), mastering: await signUp(app, 'Mia Mastering'), reviewer: await signUp(app, 'Rex Reviewer') };
  const res = await app.request('/api/projects', { cookie: lead.cookie, json: { name } });
  if (res.status !== 201) throw new Error(`project creation failed: ${res.status} ${await res.text()}`);
  const projectId = ((await res.json()) as { project: { id: string } }).project.id;
  for (const [role, user] of Object.entries(others)) {
    const added = await app.request(`/api/projects/${projectId}/members`, { cookie: lead.cookie, json: { email: user.email, role } });
    if (added.status !== 201) throw new Error(`adding the ${role} failed: ${added.status} ${await added.text()}`);
  }
  const users: Record<Role, TestUser> = { lead, ...others };
  const tokens = {} as Record<Role, string>;
  for (const [role, user] of Object.entries(users)) tokens[role as Role] = await createToken(app, user);
  if (seed) {
    const room = connectRoom(app.url, projectId, tokens.lead);
    try {
      await synced(room);
      seed(room.doc, users);
      await until(() => room.snapshot.save === 'saved', 'the seeded document to be saved');
    } finally {
      room.destroy();
    }
  }
  return { projectId, users, tokens };
}
