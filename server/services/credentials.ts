import { inArray } from 'drizzle-orm';
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
 * When each of these credentials ends now (null: never). A credential missing from the answer is
 * gone: revoked, signed out or deleted. A session's end moves on while it is used, so a connection
 * is checked again rather than closed at the end it was told at its upgrade.
 */
export async function credentialsExpireAt(ctx: Pick<ServiceContext, 'db'>, credentialIds: readonly string[]): Promise<Map<string, Date | null>> {
  const ids = (kind: string) => credentialIds.filter((c) => c.startsWith(`${kind}:`)).map((c) => c.slice(kind.length + 1));
  const [tokenIds, sessionIds] = [ids('token'), ids('session')];
  const found = new Map<string, Date | null>();
  if (tokenIds.length > 0) {
    const rows = await ctx.db.select({ id: apiToken.id, expiresAt: apiToken.expiresAt }).from(apiToken).where(inArray(apiToken.id, tokenIds));
    for (const r of rows) found.set(tokenCredential(r.id), r.expiresAt);
  }
  if (sessionIds.length > 0) {
    const rows = await ctx.db.select({ id: session.id, expiresAt: session.expiresAt }).from(session).where(inArray(session.id, sessionIds));
    for (const r of rows) found.set(sessionCredential(r.id), r.expiresAt);
  }
  return found;
}
