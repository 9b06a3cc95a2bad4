import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/create-db';
import { member, user } from '../../../db/schema';
import type { Role } from '../../../lib/roles';
import type { Auth } from '../../auth/create-auth';
import type { Logger } from '../../log';
import type { Services } from '../create-services';

export interface DemoLogin {
  role: Role;
  name: string;
  email: string;
  password: string;
}

export const DEMO_PROJECT_NAME = 'Demo song';

const DEMO_PEOPLE: ReadonlyArray<Omit<DemoLogin, 'password'>> = [
  { role: 'lead', name: 'Lea Lead', email: 'lead@demo.mixroom' },
  { role: 'mixer', name: 'Max Mixer', email: 'mixer@demo.mixroom' },
  { role: 'mastering', name: 'Mia Mastering', email: 'mastering@demo.mixroom' },
  { role: 'reviewer', name: 'Rex Reviewer', email: 'reviewer@demo.mixroom' },
];

export interface SeedDemoOptions {
  auth: Auth;
  services: Services;
  db: Db;
  log: Logger;
}

/**
 * On first start (no users at all) creates four demo users with random passwords and a demo
 * project they all belong to. Returns the logins so the caller can print them; an empty list when
 * there was something in the database already.
 */
export async function seedDemo(options: SeedDemoOptions): Promise<DemoLogin[]> {
  const [{ n }] = await options.db.select({ n: sql<number>`count(*)::int` }).from(user);
  if (Number(n) > 0) return [];
  const logins: DemoLogin[] = [];
  const ids: string[] = [];
  for (const person of DEMO_PEOPLE) {
    const password = crypto.randomBytes(9).toString('base64url');
    const result = await options.auth.api.signUpEmail({ body: { ...person, password } });
    ids.push(result.user.id);
    logins.push({ ...person, password });
  }
  const project = await options.services.createProject({ userId: ids[0], name: DEMO_PROJECT_NAME });
  await options.db
    .insert(member)
    .values(DEMO_PEOPLE.slice(1).map((p, i) => ({ projectId: project.id, userId: ids[i + 1], role: p.role })));
  options.log.info({ projectId: project.id }, 'demo project created');
  return logins;
}
