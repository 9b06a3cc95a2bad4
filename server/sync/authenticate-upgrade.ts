import type { IncomingMessage } from 'node:http';
import { fromNodeHeaders } from 'better-auth/node';
import type { Db } from '../../db/create-db';
import { isAppError } from '../../lib/errors';
import type { Principal } from '../../lib/roles';
import { requireProjectAccess } from '../access/project-access';
import type { Services } from '../services/create-services';
import type { CredentialId } from '../services/credentials';
import type { AuthenticatedUser } from '../services/tokens/api-tokens';
import { SYNC_PATH_PREFIX } from '../upgrade-router';

export type UpgradeAuthResult =
  | {
      ok: true;
      projectId: string;
      user: AuthenticatedUser;
      principal: Principal;
      query: URLSearchParams;
      /** When the session or token ends (null: never; undefined: not known), which bounds the grace (W20). */
      credentialExpiresAt?: Date | null;
      /** The session or API token (W21): the connection ends with it. */
      credentialId?: CredentialId;
    }
  | { ok: false; status: 400 | 401 | 403 | 404; message: string };

export interface AuthenticateUpgradeOptions {
  db: Db;
  services: Services;
  publicUrl: string;
}

/** A project id in a path: what createProject makes, or any plain identifier of up to 64 chars. */
const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Decides an upgrade to /sync/<projectId> before anything is loaded: an API token in `?token=`, or
 * the session cookie with an exact Origin match (a page on another site must not ride the cookie).
 * 401 no identity, 403 foreign Origin, 404 no such project or not a member.
 */
export async function authenticateUpgrade(
  req: IncomingMessage,
  options: AuthenticateUpgradeOptions,
): Promise<UpgradeAuthResult> {
  const url = new URL(req.url ?? '/', 'http://upgrade.invalid');
  const projectId = decodeURIComponent(url.pathname.slice(SYNC_PATH_PREFIX.length));
  if (!PROJECT_ID.test(projectId)) return { ok: false, status: 404, message: 'no such project' };

  let user: AuthenticatedUser | undefined;
  let credentialExpiresAt: Date | null;
  let credentialId: CredentialId;
  const token = url.searchParams.get('token');
  if (token !== null) {
    const found = await options.services.findApiTokenOwner(token);
    if (!found) return { ok: false, status: 401, message: 'the API token is invalid, revoked or expired' };
    ({ user, expiresAt: credentialExpiresAt, credentialId } = found);
  } else {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== options.publicUrl) {
      return { ok: false, status: 403, message: `Origin ${origin} is not allowed` };
    }
    const headers = fromNodeHeaders(req.headers);
    headers.delete('authorization');
    const found = await options.services.authenticate(headers);
    if (!found) return { ok: false, status: 401, message: 'sign in first, or pass ?token=' };
    // A cookie without an Origin comes from a script, not a browser page; browsers always send one.
    if (origin === undefined) return { ok: false, status: 403, message: 'a cookie-authenticated upgrade needs an Origin' };
    ({ user, expiresAt: credentialExpiresAt, credentialId } = found);
  }
  try {
    const principal = await requireProjectAccess(options.db, { projectId, userId: user.id, action: 'read' });
    return { ok: true, projectId, user, principal, query: url.searchParams, credentialExpiresAt, credentialId };
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') return { ok: false, status: 404, message: 'no such project' };
    throw err;
  }
}
