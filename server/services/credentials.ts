import { eq } from 'drizzle-orm';
import { apiToken, session } from '../../db/schema';
import type { ServiceContext } from './service-context';

/**
 * A credential as the sync server knows it: `token:<api token id>` or `session:<session id>`.
 * Connections remember theirs, and end with it (PROTOCOL W21).
 */
export type CredentialId = `token:${string}` | `session:${string}`;

export const tokenCredential = (tokenId: string): CredentialId => `token:${tokenId}`;
export const sessionCredential = (sessionId: string): CredentialId => `session:${sessionId}`;

/**
 * When the credential ends now (null: never; undefined: it is gone: revoked, signed out or
 * deleted). A session's end moves on while it is used, so a connection past the end it was told
 * asks again before it is closed.
 */
export async function credentialExpiresAt(ctx: Pick<ServiceContext, 'db'>, credentialId: string): Promise<Date | null | undefined> {
  const colon = credentialId.indexOf(':');
  const [kind, id] = [credentialId.slice(0, colon), credentialId.slice(colon + 1)];
  if (kind === 'token') {
    const [row] = await ctx.db.select({ expiresAt: apiToken.expiresAt }).from(apiToken).where(eq(apiToken.id, id));
    return row ? row.expiresAt : undefined;
  }
  if (kind !== 'session') return undefined;
  const [row] = await ctx.db.select({ expiresAt: session.expiresAt }).from(session).where(eq(session.id, id));
  return row?.expiresAt;
}
