import type { Auth } from '../auth/create-auth';
import * as invites from './invites/invites';
import * as members from './members/members';
import * as projects from './projects/projects';
import type { ServiceContext } from './service-context';
import * as tokens from './tokens/api-tokens';
import type { AuthenticatedUser } from './tokens/api-tokens';
import { sessionCredential, type CredentialId } from './credentials';

type Bound<T, C> = {
  [K in keyof T as T[K] extends (ctx: C, ...args: never[]) => unknown ? K : never]: T[K] extends (ctx: C, ...args: infer A) => infer R
    ? (...args: A) => R
    : never;
};

/** The functions of a use-case module with their context bound (`fn(ctx, o)` becomes `fn(o)`). */
export function bind<T extends object, C>(ctx: C, module: T): Bound<T, C> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(module)) {
    if (typeof fn === 'function') out[name] = (...args: unknown[]) => (fn as (...a: unknown[]) => unknown)(ctx, ...args);
  }
  return out as Bound<T, C>;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The use cases, bound to their context. Route handlers reach them through the app context (see
 * app-context.ts) so that Next's bundle of a route never holds its own database handles.
 */
export function createServices(ctx: ServiceContext, auth: Auth) {
  const tokenService = bind(ctx, tokens);
  return {
    ...bind(ctx, projects),
    ...bind(ctx, members),
    ...bind(ctx, invites),
    ...tokenService,
    /**
     * The user behind a request: an `Authorization: Bearer` API token or the session cookie.
     * A request that presents a bearer token is judged by it alone. `expiresAt`: the token's or
     * the session's (null: a token that never expires).
     */
    async authenticate(
      headers: Headers,
    ): Promise<{ user: AuthenticatedUser; via: 'token' | 'session'; expiresAt: Date | null; credentialId: CredentialId } | undefined> {
      const authorization = headers.get('authorization');
      if (authorization) {
        const match = BEARER.exec(authorization);
        const found = match ? await tokenService.findApiTokenOwner(match[1]) : undefined;
        return found ? { ...found, via: 'token' } : undefined;
      }
      const session = await auth.api.getSession({ headers });
      if (!session) return undefined;
      return {
        user: { id: session.user.id, email: session.user.email, name: session.user.name },
        via: 'session',
        expiresAt: new Date(session.session.expiresAt),
        credentialId: sessionCredential(session.session.id),
      };
    },
  };
}

export type Services = ReturnType<typeof createServices>;
