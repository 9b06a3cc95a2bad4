import {
  bigint,
  bigserial,
  boolean,
  customType,
  doublePrecision,
  integer,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// ---- better-auth's four tables (field names as better-auth expects them) ----

export const user = pgTable('user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    expiresAt: ts('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

export const account = pgTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: ts('access_token_expires_at'),
    refreshTokenExpiresAt: ts('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('account_user_idx').on(t.userId)],
);

export const verification = pgTable('verification', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: ts('expires_at').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

// ---- Mixroom ----

/** API tokens for scripts. Only the SHA-256 of the secret is stored. */
export const apiToken = pgTable(
  'api_token',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** First characters of the token, shown in lists so a user can tell tokens apart. */
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at'),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [index('api_token_user_idx').on(t.userId)],
);

export const project = pgTable('project', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** 'mix' (stems to mix and master) or 'mastering' (one stereo mix to master: opens in the master view). */
  kind: text('kind', { enum: ['mix', 'mastering'] }).notNull().default('mix'),
  createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const member = pgTable(
  'member',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['lead', 'mixer', 'mastering', 'reviewer'] }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index('member_user_idx').on(t.userId)],
);

/** An invitation link. Only the SHA-256 of its token is stored; single use. */
export const invite = pgTable(
  'invite',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['lead', 'mixer', 'mastering', 'reviewer'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    acceptedBy: text('accepted_by').references(() => user.id, { onDelete: 'set null' }),
    acceptedAt: ts('accepted_at'),
  },
  (t) => [uniqueIndex('invite_token_idx').on(t.tokenHash), index('invite_project_idx').on(t.projectId)],
);

// ---- the live document (server/sync) ----

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value),
});

/** One changed path of a document edit, as the gate saw it. */
export interface DocChange {
  path: string;
  /** The new value (JSON); absent for deletions. */
  value?: unknown;
  deleted?: boolean;
}

/**
 * Append-only log of the updates the server's own document emitted, with who made them and the
 * paths they changed. Compaction folds `update` into doc_snapshot and clears it, but keeps the row:
 * the rows are also the audit trail (activity feed, blame, revision diffs).
 */
export const docUpdate = pgTable(
  'doc_update',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    /** Null once compacted into the snapshot. */
    update: bytea('update'),
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    changes: jsonb('changes').$type<DocChange[]>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('doc_update_project_idx').on(t.projectId, t.id)],
);

/**
 * Which user each Yjs client id of a document belongs to (SPEC G11): the first connection to write
 * under an id claims it for its user, in the same commit as that write, and no other user may ever
 * write under it. Ids the document has with no row here (the server's own edits, history from
 * before this table) are nobody's.
 */
export const docClient = pgTable(
  'doc_client',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    /** A Yjs client id: an unsigned 32-bit number. */
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.clientId] })],
);

/** The compacted state of a document: every update with id <= upToId is folded in. */
export const docSnapshot = pgTable('doc_snapshot', {
  projectId: text('project_id')
    .primaryKey()
    .references(() => project.id, { onDelete: 'cascade' }),
  state: bytea('state').notNull(),
  upToId: bigint('up_to_id', { mode: 'number' }).notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

// ---- stems (server/stems) ----

/** Audio uploaded to a project: its canonical copy lives in blob storage under `sha256`. */
export const stem = pgTable(
  'stem',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    /** SHA-256 of the canonical copy (32-bit float WAV at the project rate): its blob key. */
    sha256: text('sha256').notNull(),
    filename: text('filename').notNull(),
    format: text('format').notNull(),
    sampleRate: integer('sample_rate').notNull(),
    sourceSampleRate: integer('source_sample_rate').notNull(),
    channels: integer('channels').notNull(),
    frames: bigint('frames', { mode: 'number' }).notNull(),
    durationSec: doublePrecision('duration_sec').notNull(),
    /** Size of the canonical copy in bytes. */
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    analysis: jsonb('analysis').$type<Record<string, unknown>>().notNull(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('stem_project_idx').on(t.projectId), index('stem_sha_idx').on(t.sha256)],
);

// ---- reference tracks (server/references) ----

/**
 * A commercial reference uploaded to a project for comparison: kept apart from the stems (no track
 * points at it, it is never rendered). Its canonical copy is stored like a stem's, under its own key.
 */
export const referenceTrack = pgTable(
  'reference_track',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    name: text('name').notNull(),
    filename: text('filename').notNull(),
    format: text('format').notNull(),
    sampleRate: integer('sample_rate').notNull(),
    channels: integer('channels').notNull(),
    durationSec: doublePrecision('duration_sec').notNull(),
    integratedLufs: doublePrecision('integrated_lufs'),
    truePeakDbtp: doublePrecision('true_peak_dbtp'),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('reference_track_project_idx').on(t.projectId)],
);

// ---- revisions (server/revisions) ----

/** A mix or a master, as published: immutable, except that the lead may delete it (a tombstone). */
export const revision = pgTable(
  'revision',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    /** 1, 2, 3... per project, in publishing order. */
    number: integer('number').notNull(),
    kind: text('kind', { enum: ['mix', 'master'] }).notNull(),
    title: text('title').notNull(),
    notes: text('notes').notNull(),
    authorId: text('author_id').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** The whole Yjs state of the document when it was published. */
    state: bytea('state').notNull(),
    /** Its MixSnapshot (readMix), as every render of the revision reads it. */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    /** SHA-256 of each stem's canonical audio, by stem id: what the revision sounds like, pinned. */
    stemHashes: jsonb('stem_hashes').$type<Record<string, string>>().notNull(),
    /** The provenance hash each render kind must carry (lib/audio/export/provenance.ts). */
    provenance: jsonb('provenance').$type<Record<string, string>>().notNull(),
    deletedAt: ts('deleted_at'),
    deletedBy: text('deleted_by').references(() => user.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('revision_number_idx').on(t.projectId, t.number)],
);

/** The audio of a revision, uploaded once per kind, measured by the server. */
export const revisionRender = pgTable(
  'revision_render',
  {
    revisionId: text('revision_id')
      .notNull()
      .references(() => revision.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['mix', 'master'] }).notNull(),
    /** SHA-256 of the file as uploaded: its blob key. */
    sha256: text('sha256').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    format: text('format').notNull(),
    sampleRate: integer('sample_rate').notNull(),
    channels: integer('channels').notNull(),
    durationSec: doublePrecision('duration_sec').notNull(),
    /** Loudness and quality report, measured here (never taken from the uploader). */
    report: jsonb('report').$type<Record<string, unknown>>().notNull(),
    uploadedBy: text('uploaded_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.revisionId, t.kind] }), index('revision_render_sha_idx').on(t.sha256)],
);

/**
 * What happened in a project besides document edits (which doc_update keeps): revisions published,
 * completed, restored and deleted, stems uploaded. Read by the activity feed.
 */
export const projectEvent = pgTable(
  'project_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('project_event_project_idx').on(t.projectId, t.id)],
);

// ---- review (server/review) ----

/** Where a project stands: mixing -> mix_review -> mastering -> master_review -> approved. */
export const projectReview = pgTable('project_review', {
  projectId: text('project_id')
    .primaryKey()
    .references(() => project.id, { onDelete: 'cascade' }),
  state: text('state', { enum: ['mixing', 'mix_review', 'mastering', 'master_review', 'approved'] }).notNull(),
  /** The revision the state is about (the mix under review, the approved master...). */
  revisionId: text('revision_id').references(() => revision.id, { onDelete: 'set null' }),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Every decision of the workflow: who, when, on which revision, with which note. */
export const reviewDecision = pgTable(
  'review_decision',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    revisionId: text('revision_id').references(() => revision.id, { onDelete: 'set null' }),
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    note: text('note').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('review_decision_project_idx').on(t.projectId, t.id)],
);

/** A comment on a revision, at a time or a time range, optionally on a track; threads by `parentId`. */
export const comment = pgTable(
  'comment',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    revisionId: text('revision_id')
      .notNull()
      .references(() => revision.id, { onDelete: 'cascade' }),
    parentId: text('parent_id'),
    authorId: text('author_id').references(() => user.id, { onDelete: 'set null' }),
    /** Plain text, never HTML. Empty once deleted (the thread keeps its place). */
    body: text('body').notNull(),
    atSec: doublePrecision('at_sec').notNull(),
    endSec: doublePrecision('end_sec'),
    trackId: text('track_id'),
    resolvedAt: ts('resolved_at'),
    resolvedBy: text('resolved_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    editedAt: ts('edited_at'),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('comment_revision_idx').on(t.revisionId, t.createdAt), index('comment_project_idx').on(t.projectId, t.createdAt)],
);

/**
 * How far a member has read: comments of a revision (`scope` = its id) or the project's review
 * decisions (`scope` = 'decisions') up to `seenAt`. What others wrote later is unread.
 */
export const reviewReadMark = pgTable(
  'review_read_mark',
  {
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    projectId: text('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    seenAt: ts('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.projectId, t.scope] })],
);

/** A project's webhook: where events are POSTed, signed with `secret`. */
export const webhook = pgTable(
  'webhook',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_project_idx').on(t.projectId)],
);

/** The outbox of webhook deliveries: written with the event, sent and retried by the dispatcher. */
export const webhookDelivery = pgTable(
  'webhook_delivery',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhook.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [index('webhook_delivery_due_idx').on(t.status, t.nextAttemptAt), index('webhook_delivery_hook_idx').on(t.webhookId, t.id)],
);
