import { z } from 'zod';
import { COMMENT_MAX_CHARS } from '../comment-rules';
import { ROLE_LIST, type Role } from '../roles';
import { controlCharsMessage, hasControlChars } from '../names';

/**
 * Request and response shapes of the HTTP API under /api, shared by the route handlers (which
 * parse requests with these schemas) and the UI (which uses the types). Request schemas are strict:
 * unknown fields are an error, so a typo in a field name is reported instead of ignored.
 */

export const roleSchema = z.enum(ROLE_LIST as [Role, ...Role[]]);

const name = (what: string, max: number) =>
  z
    .string({ message: `${what} must be a string` })
    .trim()
    .min(1, `${what} must not be empty`)
    .max(max, `${what} must be at most ${max} characters`)
    .refine((s) => !hasControlChars(s), controlCharsMessage(what));

/** What a project is for: mixing stems (and mastering), or mastering one stereo mix. */
export const PROJECT_KINDS = ['mix', 'mastering'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

/** A mastering-only project is made with its mix in one request (`POST /api/mastering-projects`), never empty. */
export const createProjectRequest = z.strictObject({
  name: name('name', 120),
  kind: z.literal('mix', { message: 'kind must be mix: a mastering-only project is made together with its mix, POST the file to /api/mastering-projects' }).optional(),
});
export const updateProjectRequest = z.strictObject({ name: name('name', 120) });

export const addMemberRequest = z.strictObject({
  email: z.email({ message: 'email must be an email address' }).max(320),
  role: roleSchema,
});
export const updateMemberRequest = z.strictObject({ role: roleSchema });

export const createInviteRequest = z.strictObject({
  role: roleSchema,
  /** @default 7 */
  expiresInDays: z.number().int().min(1).max(90).optional(),
});

export const createTokenRequest = z.strictObject({
  name: name('name', 100),
  /** Omitted: the token does not expire. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const REVISION_KINDS = { mix: 'mix', master: 'master' } as const;
export type RevisionKind = (typeof REVISION_KINDS)[keyof typeof REVISION_KINDS];

/** Control characters but the line breaks and tabs that notes may hold. */
// eslint-disable-next-line no-control-regex
const NOTE_CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export const createRevisionRequest = z.strictObject({
  title: name('title', 200),
  notes: z
    .string({ message: 'notes must be a string' })
    .max(10_000, 'notes must be at most 10,000 characters')
    .refine((s) => !NOTE_CONTROL_CHARS.test(s), 'notes must not contain control characters')
    .default(''),
  kind: z.enum(REVISION_KINDS, { message: 'kind must be mix or master' }),
});

/** Comment text: plain text, never HTML; line breaks allowed. */
const commentBody = z
  .string({ message: 'body must be a string' })
  .trim()
  .min(1, 'body must not be empty')
  .max(COMMENT_MAX_CHARS, 'body must be at most 5,000 characters')
  .refine((s) => !NOTE_CONTROL_CHARS.test(s), 'body must not contain control characters');
const timelineSec = (what: string) => z.number({ message: `${what} must be a number of seconds` }).min(0, `${what} must not be negative`).max(86_400, `${what} must be at most a day`);

export const createCommentRequest = z
  .strictObject({
    body: commentBody,
    atSec: timelineSec('atSec'),
    endSec: timelineSec('endSec').optional(),
    trackId: z.string().min(1).max(64).optional(),
    parentId: z.string().min(1).max(64).optional(),
  })
  .refine((c) => c.endSec === undefined || c.endSec > c.atSec, { message: 'endSec must be after atSec', path: ['endSec'] });

export const updateCommentRequest = z
  .strictObject({ body: commentBody.optional(), resolved: z.boolean({ message: 'resolved must be true or false' }).optional() })
  .refine((c) => c.body !== undefined || c.resolved !== undefined, { message: 'send body or resolved' });

export const REVIEW_ACTION_LIST = ['submit_mix', 'approve_mix', 'send_back', 'submit_master', 'approve_master', 'reopen'] as const;
export const reviewDecisionRequest = z.strictObject({
  action: z.enum(REVIEW_ACTION_LIST, { message: `action must be one of ${REVIEW_ACTION_LIST.join(', ')}` }),
  note: z
    .string({ message: 'note must be a string' })
    .max(COMMENT_MAX_CHARS, 'note must be at most 5,000 characters')
    .refine((s) => !NOTE_CONTROL_CHARS.test(s), 'note must not contain control characters')
    .default(''),
  revisionId: z.string().min(1).max(64).optional(),
});

/** Marks read: a revision's comments, the project's review decisions, or both. */
export const markReadRequest = z
  .strictObject({
    revisionId: z.string().min(1).max(64).optional(),
    decisions: z.literal(true, { message: 'decisions must be true when given' }).optional(),
  })
  .refine((m) => m.revisionId !== undefined || m.decisions === true, { message: 'send revisionId or decisions: true' });

export const createWebhookRequest = z.strictObject({
  url: z.string({ message: 'url must be a string' }).min(1).max(2_000),
  /** Omitted: one is generated and shown once. */
  secret: z.string().min(16, 'secret must be at least 16 characters').max(200).optional(),
});

export type CreateProjectRequest = z.infer<typeof createProjectRequest>;
export type CreateCommentRequest = z.infer<typeof createCommentRequest>;
export type UpdateCommentRequest = z.infer<typeof updateCommentRequest>;
export type ReviewDecisionRequest = z.infer<typeof reviewDecisionRequest>;
export type MarkReadRequest = z.infer<typeof markReadRequest>;
export type CreateRevisionRequest = z.infer<typeof createRevisionRequest>;
export type UpdateProjectRequest = z.infer<typeof updateProjectRequest>;
export type AddMemberRequest = z.infer<typeof addMemberRequest>;
export type UpdateMemberRequest = z.infer<typeof updateMemberRequest>;
export type CreateInviteRequest = z.infer<typeof createInviteRequest>;
export type CreateTokenRequest = z.infer<typeof createTokenRequest>;

// ---- responses ----

export interface ProjectDto {
  id: string;
  name: string;
  /** 'mastering': made from one stereo mix; the studio opens in the master view. */
  kind: ProjectKind;
  role: Role;
  createdAt: string;
  updatedAt: string;
}

export interface MemberDto {
  userId: string;
  email: string;
  name: string;
  role: Role;
}

export interface InviteDto {
  id: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

export interface InvitePreviewDto {
  projectId: string;
  projectName: string;
  role: Role;
  expiresAt: string;
}

export interface TokenDto {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

/** A stem as the API returns it (`POST /api/projects/:id/stems`, `GET /api/stems/:id/analysis`). */
export interface StemDto {
  id: string;
  /** The project rate the canonical copy is stored at. */
  sampleRate: number;
  sourceSampleRate: number;
  channels: number;
  durationSec: number;
  /** SHA-256 of the canonical copy. */
  sha256: string;
  filename: string;
  format: string;
}

/** The measured audio of a revision (`GET /api/revisions/:id`). */
export interface RevisionRenderDto {
  kind: RevisionKind;
  format: string;
  bytes: number;
  sampleRate: number;
  channels: number;
  durationSec: number;
  /** Measured by the server; null when no block passed the gates (silence). */
  integratedLufs: number | null;
  truePeakDbtp: number;
  loudnessRangeLu: number;
  qc: Array<{ code: string; severity: string; message: string; atSec?: number }>;
  audioUrl: string;
  peaksUrl: string;
  createdAt: string;
}

/** `rendering` until the render of its kind is uploaded; `deleted` for a tombstone. */
export type RevisionStatus = 'rendering' | 'ready' | 'deleted';

export interface RevisionDto {
  id: string;
  projectId: string;
  number: number;
  kind: RevisionKind;
  title: string;
  notes: string;
  author: { id: string; name: string } | null;
  createdAt: string;
  status: RevisionStatus;
  deletedAt: string | null;
  deletedBy: { id: string; name: string } | null;
  /** The render format the server accepts for this revision, and the provenance each kind must carry. */
  renderFormat: 'wav24';
  provenance: Partial<Record<RevisionKind, string>>;
  renders: RevisionRenderDto[];
}

export interface CommentDto {
  id: string;
  revisionId: string;
  parentId: string | null;
  author: { id: string; name: string; color: string } | null;
  /** Plain text; empty once deleted. */
  body: string;
  atSec: number;
  endSec: number | null;
  trackId: string | null;
  resolved: boolean;
  resolvedBy: { id: string; name: string } | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
}

export interface ReviewDecisionDto {
  id: number;
  action: string;
  from: string;
  to: string;
  note: string;
  revision: { id: string; number: number } | null;
  user: { id: string; name: string } | null;
  at: string;
}

export interface ReviewDto {
  state: 'mixing' | 'mix_review' | 'mastering' | 'master_review' | 'approved';
  revision: { id: string; number: number; kind: RevisionKind } | null;
  history: ReviewDecisionDto[];
}

/** What a member has not read yet in a project (`GET /api/projects/:id/unread`). */
export interface UnreadDto {
  /** Comments by others on revisions, since the member last had each revision's page open. */
  comments: number;
  /** Review decisions by others since the member last looked at the workflow. */
  decisions: number;
  total: number;
  /** Unread comments per revision id (only revisions that have some). */
  byRevision: Record<string, number>;
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

export interface HealthDto {
  ok: true;
  db: 'pglite' | 'postgres';
  version: string;
  /**
   * `retrying` while document edits cannot be committed (the database is away): rooms stay live,
   * Saved waits, and the commits are retried until they succeed. The instance still serves, so a
   * load balancer should keep it. `full` when, besides, the edits waiting for the database reached
   * their limit: new edits are refused (their clients keep them and send them again) until the
   * backlog is committed (PROTOCOL W19); readers are still served.
   */
  saves: 'ok' | 'retrying' | 'full';
}

/** Shared by the sign-up and change-password forms and the server's auth configuration. */
export const MIN_PASSWORD_LENGTH = 10;

/** A reference track of a project (never rendered into the mix): `GET /api/projects/:id/references`. */
export interface ReferenceTrackDto {
  id: string;
  name: string;
  filename: string;
  format: string;
  /** The project rate its canonical copy is stored at. */
  sampleRate: number;
  channels: number;
  durationSec: number;
  integratedLufs: number | null;
  truePeakDbtp: number | null;
  createdAt: string;
  audioUrl: string;
}
