import type { Config } from './config';
import type { Auth } from './auth/create-auth';
import type { Database } from '../db/create-db';
import type { Logger } from './log';
import type { Services } from './services/create-services';
import type { SyncServer } from './sync/sync-server';
import type { StemService } from './stems/create-stem-service';
import type { ReferenceService } from './references/create-reference-service';
import type { StemContext } from './stems/stems';
import type { RevisionService } from './revisions/create-revision-service';
import type { RevisionContext } from './revisions/revision-renders';
import type { ReviewService } from './review/create-review-service';
import type { WebhookDispatcher } from './review/webhook-dispatcher';

/**
 * Process-wide handles, created once by server/app.ts and reached by Next's route handlers through
 * this getter. Next bundles its own copy of server modules beside the custom server's, so a module
 * singleton would be a second, empty instance: the handles live on globalThis under a symbol.
 * Only types are imported here, so a route bundle never pulls in the database drivers.
 */
export interface AppContext {
  config: Config;
  log: Logger;
  database: Database;
  auth: Auth;
  services: Services;
  sync: SyncServer;
  stems: StemService;
  /** Reference tracks (compared with the master, never rendered). */
  references: ReferenceService;
  /** The stems' context, for the upload handler (served by our server, not by Next). */
  stemContext: StemContext;
  revisions: RevisionService;
  /** The revisions' context, for the render upload handler (served by our server, not by Next). */
  revisionContext: RevisionContext;
  review: ReviewService;
  /** Sends the webhook outbox; started and closed by server/app.ts. */
  webhookDispatcher: WebhookDispatcher;
  version: string;
}

const KEY = Symbol.for('mixroom.appContexts');

/**
 * Header our HTTP server sets on every request (overwriting what a client sent) naming the app
 * instance that received it, so that several instances can live in one process (tests do).
 */
export const INSTANCE_HEADER = 'x-mixroom-instance';

type Holder = { [KEY]?: Map<string, AppContext> };

function registry(): Map<string, AppContext> {
  const holder = globalThis as Holder;
  holder[KEY] ??= new Map();
  return holder[KEY];
}

export function registerAppContext(instanceId: string, ctx: AppContext): void {
  registry().set(instanceId, ctx);
}

export function unregisterAppContext(instanceId: string): void {
  registry().delete(instanceId);
}

export function findAppContext(headers: Headers): AppContext | undefined {
  const id = headers.get(INSTANCE_HEADER);
  return id ? registry().get(id) : undefined;
}
