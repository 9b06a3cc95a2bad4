import { and, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/create-db';
import { webhook, webhookDelivery } from '../../db/schema';
import type { Logger } from '../log';
import { checkWebhookUrl, signWebhook } from './webhooks';

export interface WebhookDispatcherOptions {
  db: Db;
  log: Logger;
  /** @default MIXROOM_WEBHOOK_ALLOW_PRIVATE: loopback and private targets refused */
  allowPrivate?: boolean;
  /** @default Date.now */
  now?: () => number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** How often due deliveries are looked for (besides `wake`). @default 1000 */
  pollMs?: number;
  /** Attempts before a delivery is given up as failed. @default 10 */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt up to maxRetryMs. @default 1000 */
  retryMs?: number;
  /** @default 600000 (10 minutes) */
  maxRetryMs?: number;
  /** A receiver that does not answer within this is a failed attempt. @default 10000 */
  timeoutMs?: number;
}

/** A claimed delivery is not claimed again (by this or another instance) before this. */
const LEASE_MS = 60_000;
const BATCH = 20;
/** While rounds keep failing, one log line this often. @default 30000 */
const FAILURE_LOG_EVERY_MS = 30_000;

/**
 * Sends the webhook outbox: due deliveries are claimed (a lease, so two instances never send one
 * twice at once), POSTed as JSON with an HMAC-SHA256 signature over the timestamp and the body,
 * and marked delivered on a 2xx answer; otherwise retried with backoff until `maxAttempts`. The
 * outbox is in the database: what was not delivered before a restart is delivered after it.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;
  /** Since when (Date.now()) rounds fail, and when that was last logged. */
  private failingSince: number | undefined;
  private lastFailureLog = 0;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  start(): void {
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.wake();
  }

  /** Looks for due deliveries now (an event was just queued). */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(
        () => this.roundSucceeded(),
        (err: unknown) => this.roundFailed(err),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /**
   * A round fails while the database is away, once per poll: the first failure of a streak is
   * logged, then one line every FAILURE_LOG_EVERY_MS, and the recovery once (a 10 s outage used to
   * log ten warnings with their stacks).
   */
  private roundFailed(err: unknown): void {
    const now = Date.now();
    this.failingSince ??= now;
    if (now - this.lastFailureLog < FAILURE_LOG_EVERY_MS) return;
    this.lastFailureLog = now;
    this.options.log.warn({ err, failingForMs: now - this.failingSince }, 'webhook delivery round failed (is the database down?); retrying at every poll');
  }

  private roundSucceeded(): void {
    if (this.failingSince === undefined) return;
    this.options.log.info({ failedForMs: Date.now() - this.failingSince }, 'webhook delivery rounds work again');
    this.failingSince = undefined;
    this.lastFailureLog = 0;
  }

  /** Stops polling and waits for the round in flight. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const due = await this.claim();
      if (due.length === 0) return;
      await Promise.all(due.map((d) => this.deliver(d)));
      if (this.closed) return;
    }
  }

  private async claim() {
    const db = this.options.db;
    const now = new Date(this.now());
    const ids = db
      .select({ id: webhookDelivery.id })
      .from(webhookDelivery)
      .where(and(eq(webhookDelivery.status, 'pending'), lte(webhookDelivery.nextAttemptAt, now)))
      .orderBy(webhookDelivery.id)
      .limit(BATCH)
      .for('update', { skipLocked: true });
    const claimed = await db
      .update(webhookDelivery)
      .set({ nextAttemptAt: new Date(this.now() + LEASE_MS) })
      .where(inArray(webhookDelivery.id, ids))
      .returning({ id: webhookDelivery.id, webhookId: webhookDelivery.webhookId, payload: webhookDelivery.payload, attempts: webhookDelivery.attempts });
    if (claimed.length === 0) return [];
    const hooks = await db.select().from(webhook).where(inArray(webhook.id, [...new Set(claimed.map((c) => c.webhookId))]));
    return claimed.flatMap((c) => {
      const hook = hooks.find((h) => h.id === c.webhookId);
      return hook ? [{ ...c, url: hook.url, secret: hook.secret }] : [];
    });
  }

  private async deliver(d: { id: number; payload: Record<string, unknown>; attempts: number; url: string; secret: string }): Promise<void> {
    const body = JSON.stringify(d.payload);
    const timestamp = Math.floor(this.now() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      // Resolved again at each attempt: a name may point somewhere else than when it was saved.
      await checkWebhookUrl(d.url, this.options.allowPrivate === true);
      const res = await this.fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Mixroom-Webhook/1',
          'x-mixroom-event': String(d.payload.event),
          'x-mixroom-delivery': String(d.id),
          'x-mixroom-signature': signWebhook(d.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `answered ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const attempts = d.attempts + 1;
    const db = this.options.db;
    if (error === null) {
      await db.update(webhookDelivery).set({ status: 'delivered', attempts, lastStatus: status, lastError: null, deliveredAt: new Date(this.now()) }).where(eq(webhookDelivery.id, d.id));
      return;
    }
    const failed = attempts >= (this.options.maxAttempts ?? 10);
    const delay = Math.min((this.options.retryMs ?? 1000) * 2 ** (attempts - 1), this.options.maxRetryMs ?? 600_000);
    await db
      .update(webhookDelivery)
      .set({ status: failed ? 'failed' : 'pending', attempts, lastStatus: status, lastError: error.slice(0, 500), nextAttemptAt: new Date(this.now() + delay) })
      .where(eq(webhookDelivery.id, d.id));
    this.options.log.info({ delivery: d.id, attempts, error, failed }, 'webhook delivery failed');
  }
}
