import crypto from 'node:crypto';
import dns from 'node:dns/promises';
import net from 'node:net';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { webhook, webhookDelivery } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { requireProjectAccess } from '../access/project-access';

export const WEBHOOK_EVENTS = { revision_published: 'revision.published', comment_created: 'comment.created', review_decided: 'review.decided' } as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS];

export interface WebhookContext {
  db: Db;
  now: () => Date;
  /** Loopback and private addresses allowed as targets (`MIXROOM_WEBHOOK_ALLOW_PRIVATE`). @default false */
  allowPrivateWebhooks?: boolean;
}

export interface WebhookDto {
  id: string;
  url: string;
  createdAt: string;
}

export interface WebhookDeliveryDto {
  id: number;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string;
}

/** Addresses a webhook may not reach unless the operator allows it: loopback, private, link-local, unique-local, unspecified. */
export function isPrivateAddress(address: string): boolean {
  const v4 = net.isIPv4(address) ? address : /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (v4) {
    const [a, b] = v4.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const v6 = address.toLowerCase();
  return v6 === '::' || v6 === '::1' || v6.startsWith('fe80:') || v6.startsWith('fc') || v6.startsWith('fd');
}

/** Checks a webhook URL: http(s) only, and (unless allowed) a host that resolves to no private address. */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('invalid_input', { message: 'url must be an absolute http or https URL', details: { field: 'url' } });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('invalid_input', { message: 'url must use http or https', details: { field: 'url' } });
  if (url.username || url.password) throw new AppError('invalid_input', { message: 'url must not carry credentials', details: { field: 'url' } });
  if (allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (addresses.length === 0) throw new AppError('invalid_input', { message: `url: ${host} does not resolve`, details: { field: 'url' } });
  if (addresses.some(isPrivateAddress)) {
    throw new AppError('invalid_input', { message: `url: ${host} is a loopback or private address (the operator can allow those with MIXROOM_WEBHOOK_ALLOW_PRIVATE=1)`, details: { field: 'url' } });
  }
  return url;
}

export async function createWebhook(ctx: WebhookContext, options: { userId: string; projectId: string; url: string; secret?: string }): Promise<WebhookDto & { secret: string }> {
  await requireProjectAccess(ctx.db, { projectId: options.projectId, userId: options.userId, action: 'manageMembers' });
  const url = await checkWebhookUrl(options.url, ctx.allowPrivateWebhooks === true);
  const secret = options.secret ?? crypto.randomBytes(24).toString('base64url');
  const [row] = await ctx.db.insert(webhook).values({ id: crypto.randomUUID(), projectId: options.projectId, url: url.toString(), secret, createdBy: options.userId, createdAt: ctx.now() }).returning();
  return { id: row.id, url: row.url, createdAt: row.createdAt.toISOString(), secret };
}

export async function listWebhooks(ctx: WebhookContext, options: { userId: string; projectId: string }): Promise<WebhookDto[]> {
  await requireProjectAccess(ctx.db, { ...options, action: 'manageMembers' });
  const rows = await ctx.db.select().from(webhook).where(eq(webhook.projectId, options.projectId));
  return rows.map((r) => ({ id: r.id, url: r.url, createdAt: r.createdAt.toISOString() }));
}

export async function deleteWebhook(ctx: WebhookContext, options: { userId: string; projectId: string; hookId: string }): Promise<void> {
  await requireProjectAccess(ctx.db, { projectId: options.projectId, userId: options.userId, action: 'manageMembers' });
  const removed = await ctx.db.delete(webhook).where(and(eq(webhook.id, options.hookId), eq(webhook.projectId, options.projectId))).returning({ id: webhook.id });
  if (removed.length === 0) throw new AppError('not_found', { message: 'webhook not found' });
}

export async function listDeliveries(ctx: WebhookContext, options: { userId: string; projectId: string; hookId: string }): Promise<WebhookDeliveryDto[]> {
  await requireProjectAccess(ctx.db, { projectId: options.projectId, userId: options.userId, action: 'manageMembers' });
  const [hook] = await ctx.db.select({ id: webhook.id }).from(webhook).where(and(eq(webhook.id, options.hookId), eq(webhook.projectId, options.projectId)));
  if (!hook) throw new AppError('not_found', { message: 'webhook not found' });
  const rows = await ctx.db.select().from(webhookDelivery).where(eq(webhookDelivery.webhookId, hook.id)).orderBy(desc(webhookDelivery.id)).limit(200);
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    lastStatus: r.lastStatus,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
  }));
}

/**
 * Queues `event` for every webhook of the project, in the caller's transaction: the outbox row is
 * committed with what it reports, or not at all, and survives a restart until it is delivered.
 */
export async function enqueueWebhookEvent(db: Db, projectId: string, event: WebhookEvent, data: Record<string, unknown>, at: Date): Promise<void> {
  const hooks = await db.select({ id: webhook.id }).from(webhook).where(eq(webhook.projectId, projectId));
  if (hooks.length === 0) return;
  const payload = { id: crypto.randomUUID(), event, projectId, at: at.toISOString(), data };
  await db.insert(webhookDelivery).values(hooks.map((h) => ({ webhookId: h.id, event, payload, status: 'pending' as const, nextAttemptAt: at, createdAt: at })));
}

/** The signature header of a delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export function signWebhook(secret: string, timestampSec: number, body: string): string {
  const mac = crypto.createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex');
  return `t=${timestampSec},v1=${mac}`;
}
