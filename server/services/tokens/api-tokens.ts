import { and, eq, isNull, gt, or, desc } from 'drizzle-orm';
import { apiToken, user } from '../../../db/schema';
import type { CreateTokenRequest, TokenDto } from '../../../lib/api/dto';
import { AppError } from '../../../lib/errors';
import { hashSecret, newId, newSecret } from '../secret-token';
import { tokenCredential, type CredentialId } from '../credentials';
import type { ServiceContext } from '../service-context';

export const API_TOKEN_PREFIX = 'mxr';
const DAY_MS = 86_400_000;
/** A user with more tokens than this is doing something wrong; the cap bounds the table. */
export const MAX_TOKENS_PER_USER = 50;

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
}

function toDto(row: typeof apiToken.$inferSelect): TokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export async function createApiToken(
  ctx: ServiceContext,
  options: { userId: string } & CreateTokenRequest,
): Promise<{ token: string; apiToken: TokenDto }> {
  const existing = await ctx.db.select({ id: apiToken.id }).from(apiToken).where(eq(apiToken.userId, options.userId));
  if (existing.length >= MAX_TOKENS_PER_USER) {
    throw new AppError('conflict', { message: `at most ${MAX_TOKENS_PER_USER} tokens per user; revoke one first` });
  }
  const { secret, hash } = newSecret(API_TOKEN_PREFIX);
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(apiToken)
    .values({
      id: newId(),
      userId: options.userId,
      name: options.name,
      prefix: secret.slice(0, API_TOKEN_PREFIX.length + 7),
      secretHash: hash,
      createdAt: now,
      expiresAt: options.expiresInDays ? new Date(now.getTime() + options.expiresInDays * DAY_MS) : null,
    })
    .returning();
  return { token: secret, apiToken: toDto(row) };
}

export async function listApiTokens(ctx: ServiceContext, options: { userId: string }): Promise<TokenDto[]> {
  const rows = await ctx.db
    .select()
    .from(apiToken)
    .where(eq(apiToken.userId, options.userId))
    .orderBy(desc(apiToken.createdAt));
  return rows.map(toDto);
}

export async function deleteApiToken(ctx: ServiceContext, options: { userId: string; tokenId: string }): Promise<void> {
  const deleted = await ctx.db
    .delete(apiToken)
    .where(and(eq(apiToken.id, options.tokenId), eq(apiToken.userId, options.userId)))
    .returning({ id: apiToken.id });
  if (deleted.length === 0) throw new AppError('not_found', { message: 'token not found' });
  ctx.events?.credentialEnded(tokenCredential(options.tokenId));
}

/** The owner of a valid, unexpired token, or undefined. Records when it was last used. */
export async function findUserByApiToken(ctx: ServiceContext, token: string): Promise<AuthenticatedUser | undefined> {
  return (await findApiTokenOwner(ctx, token))?.user;
}

/** As `findUserByApiToken`, with when the token expires (null: never). */
export async function findApiTokenOwner(
  ctx: ServiceContext,
  token: string,
): Promise<{ user: AuthenticatedUser; expiresAt: Date | null; credentialId: CredentialId } | undefined> {
  if (!token.startsWith(`${API_TOKEN_PREFIX}_`) || token.length > 200) return undefined;
  const now = ctx.now();
  const rows = await ctx.db
    .select({ tokenId: apiToken.id, id: user.id, email: user.email, name: user.name, lastUsedAt: apiToken.lastUsedAt, expiresAt: apiToken.expiresAt })
    .from(apiToken)
    .innerJoin(user, eq(user.id, apiToken.userId))
    .where(and(eq(apiToken.secretHash, hashSecret(token)), or(isNull(apiToken.expiresAt), gt(apiToken.expiresAt, now))))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  // At most one write a minute per token: scripts may call the API in tight loops.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await ctx.db.update(apiToken).set({ lastUsedAt: now }).where(eq(apiToken.id, row.tokenId));
  }
  return { user: { id: row.id, email: row.email, name: row.name }, expiresAt: row.expiresAt, credentialId: tokenCredential(row.tokenId) };
}
