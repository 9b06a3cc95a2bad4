import crypto from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { projectEvent, revision, revisionRender, stem, user } from '../../db/schema';
import type { CreateRevisionRequest, RevisionDto, RevisionKind, RevisionRenderDto, StemDto } from '../../lib/api/dto';
import { exportOptions } from '../../lib/audio/export/render-export';
import { provenanceHash } from '../../lib/audio/export/provenance';
import { diffMix, readMix, writeMix, type MixChange, type MixSnapshot } from '../../lib/doc';
import { AppError } from '../../lib/errors';
import { requireProjectAccess, type ProjectAction } from '../access/project-access';
import { blobKeys } from '../storage/blob-store';
import type { Db } from '../../db/create-db';
import { enqueueWebhookEvent, WEBHOOK_EVENTS } from '../review/webhooks';
import { collectStemGarbage, type StemContext } from '../stems/stems';

/** Revisions are rendered as 24-bit WAV at the project rate: what the server accepts and measures. */
export const REVISION_RENDER_FORMAT = 'wav24';

/** The render kinds a revision of a kind takes: a master also keeps its mix, for A/B. */
export const RENDER_KINDS_OF: Readonly<Record<RevisionKind, readonly RevisionKind[]>> = { mix: ['mix'], master: ['master', 'mix'] };

export const PUBLISH_ACTION: Readonly<Record<RevisionKind, ProjectAction>> = { mix: 'publishMix', master: 'publishMaster' };

type RevisionRow = typeof revision.$inferSelect;
type RenderRow = typeof revisionRender.$inferSelect;

/** Events the activity feed shows besides document edits (table project_event). */
export const PROJECT_EVENT_KINDS = {
  revision_published: 'revision_published',
  revision_rendered: 'revision_rendered',
  revision_restored: 'revision_restored',
  revision_deleted: 'revision_deleted',
} as const;
export type ProjectEventKind = (typeof PROJECT_EVENT_KINDS)[keyof typeof PROJECT_EVENT_KINDS];

export async function recordEvent(ctx: Pick<StemContext, 'db'>, projectId: string, userId: string, kind: ProjectEventKind, data: Record<string, unknown>): Promise<void> {
  await ctx.db.insert(projectEvent).values({ projectId, userId, kind, data });
}

/** A snapshot as it comes back from JSON: what the provenance of a render is computed over. */
function asJson(snapshot: MixSnapshot): MixSnapshot {
  return JSON.parse(JSON.stringify(snapshot)) as MixSnapshot;
}

export function renderToDto(r: RenderRow): RevisionRenderDto {
  const report = r.report as { integratedLufs: number | null; truePeakDbtp: number; loudnessRangeLu: number; qc: RevisionRenderDto['qc'] };
  return {
    kind: r.kind,
    format: r.format,
    bytes: r.bytes,
    sampleRate: r.sampleRate,
    channels: r.channels,
    durationSec: r.durationSec,
    integratedLufs: report.integratedLufs,
    truePeakDbtp: report.truePeakDbtp,
    loudnessRangeLu: report.loudnessRangeLu,
    qc: report.qc,
    audioUrl: `/api/revisions/${r.revisionId}/renders/${r.kind}`,
    peaksUrl: `/api/revisions/${r.revisionId}/peaks?kind=${r.kind}`,
    createdAt: r.createdAt.toISOString(),
  };
}

async function userNames(ctx: Pick<StemContext, 'db'>, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await ctx.db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function toDtos(ctx: Pick<StemContext, 'db'>, rows: RevisionRow[]): Promise<RevisionDto[]> {
  const renders = rows.length > 0 ? await ctx.db.select().from(revisionRender).where(inArray(revisionRender.revisionId, rows.map((r) => r.id))) : [];
  const names = await userNames(ctx, rows.flatMap((r) => [r.authorId, r.deletedBy]));
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? 'a former member' } : null);
  return rows.map((r) => {
    const mine = renders.filter((x) => x.revisionId === r.id).sort((a, b) => a.kind.localeCompare(b.kind));
    return {
      id: r.id,
      projectId: r.projectId,
      number: r.number,
      kind: r.kind,
      title: r.title,
      notes: r.notes,
      author: person(r.authorId),
      createdAt: r.createdAt.toISOString(),
      status: r.deletedAt ? 'deleted' : mine.some((x) => x.kind === r.kind) ? 'ready' : 'rendering',
      deletedAt: r.deletedAt?.toISOString() ?? null,
      deletedBy: person(r.deletedBy),
      renderFormat: REVISION_RENDER_FORMAT,
      provenance: r.provenance,
      renders: mine.map(renderToDto),
    };
  });
}

/** The revision row and the caller's role in its project; strangers get `not_found`. */
export async function getRevisionRow(ctx: Pick<StemContext, 'db'>, options: { userId: string; revisionId: string; action?: ProjectAction }) {
  const [row] = await ctx.db.select().from(revision).where(eq(revision.id, options.revisionId)).limit(1);
  if (!row) throw new AppError('not_found', { message: 'revision not found' });
  // Not a member: not_found, as for a missing revision; a member whose role may not: forbidden.
  const principal = await requireProjectAccess(ctx.db, { projectId: row.projectId, userId: options.userId, action: options.action ?? 'read' });
  return { row, principal };
}

function liveRow(row: RevisionRow): RevisionRow {
  if (row.deletedAt) throw new AppError('not_found', { message: `revision ${row.number} was deleted` });
  return row;
}

export interface CreateRevisionOptions extends CreateRevisionRequest {
  userId: string;
  projectId: string;
}

/**
 * Publishes the live document as it is now: its whole Yjs state and MixSnapshot, the hashes of the
 * stems it plays (pinned against garbage collection while the revision lives), and the provenance
 * hash each render of it must carry. The render itself is uploaded afterwards (`storeRender`).
 */
export async function createRevision(ctx: StemContext & { onWebhookQueued?: () => void }, options: CreateRevisionOptions): Promise<RevisionDto> {
  await requireProjectAccess(ctx.db, { projectId: options.projectId, userId: options.userId, action: PUBLISH_ACTION[options.kind] });
  const { state, snapshot } = await ctx.sync.read(options.projectId, (doc) => ({ state: Y.encodeStateAsUpdate(doc), snapshot: asJson(readMix(doc)) }));
  const stemIds = [...new Set(snapshot.tracks.map((t) => t.stemId).filter((id): id is string => !!id))];
  const stems = stemIds.length > 0 ? await ctx.db.select({ id: stem.id, sha256: stem.sha256 }).from(stem).where(and(eq(stem.projectId, options.projectId), inArray(stem.id, stemIds))) : [];
  const stemHashes = Object.fromEntries(stems.map((s) => [s.id, s.sha256]));
  const provenance: Record<string, string> = {};
  for (const kind of RENDER_KINDS_OF[options.kind]) {
    provenance[kind] = await provenanceHash({ snapshot, stemHashes, options: exportOptions({ format: REVISION_RENDER_FORMAT, master: kind === 'master' }) });
  }
  const row = await ctx.db.transaction(async (tx) => {
    // One number at a time per project: publishing twice at once must not take the same number.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`revision:${options.projectId}`}))`);
    const [{ last }] = await tx.select({ last: sql<number>`coalesce(max(${revision.number}), 0)` }).from(revision).where(eq(revision.projectId, options.projectId));
    const [inserted] = await tx
      .insert(revision)
      .values({
        id: crypto.randomUUID(),
        projectId: options.projectId,
        number: Number(last) + 1,
        kind: options.kind,
        title: options.title,
        notes: options.notes,
        authorId: options.userId,
        createdAt: ctx.now(),
        state,
        snapshot: snapshot as unknown as Record<string, unknown>,
        stemHashes,
        provenance,
      })
      .returning();
    await tx.insert(projectEvent).values({
      projectId: options.projectId,
      userId: options.userId,
      kind: PROJECT_EVENT_KINDS.revision_published,
      data: { revisionId: inserted.id, number: inserted.number, title: inserted.title, kind: inserted.kind },
      createdAt: ctx.now(),
    });
    await enqueueWebhookEvent(tx as unknown as Db, options.projectId, WEBHOOK_EVENTS.revision_published, {
      revisionId: inserted.id,
      number: inserted.number,
      kind: inserted.kind,
      title: inserted.title,
      notes: inserted.notes,
      authorId: options.userId,
    }, ctx.now());
    return inserted;
  });
  ctx.onWebhookQueued?.();
  return (await toDtos(ctx, [row]))[0];
}

export async function listRevisions(ctx: StemContext, options: { userId: string; projectId: string }): Promise<RevisionDto[]> {
  await requireProjectAccess(ctx.db, { ...options, action: 'read' });
  const rows = await ctx.db.select().from(revision).where(eq(revision.projectId, options.projectId)).orderBy(desc(revision.number));
  return toDtos(ctx, rows);
}

export interface RevisionDetail {
  revision: RevisionDto;
  /** Its MixSnapshot (null for a tombstone), and its stems: what a render of it reads. */
  mix: MixSnapshot | null;
  stems: Array<StemDto & { audioUrl: string }>;
}

export async function getRevision(ctx: StemContext, options: { userId: string; revisionId: string }): Promise<RevisionDetail> {
  const { row } = await getRevisionRow(ctx, options);
  const [dto] = await toDtos(ctx, [row]);
  if (row.deletedAt) return { revision: dto, mix: null, stems: [] };
  const ids = Object.keys(row.stemHashes);
  const rows = ids.length > 0 ? await ctx.db.select().from(stem).where(and(eq(stem.projectId, row.projectId), inArray(stem.id, ids))).orderBy(asc(stem.id)) : [];
  const stems = rows.map((r) => ({
    id: r.id,
    sampleRate: r.sampleRate,
    sourceSampleRate: r.sourceSampleRate,
    channels: r.channels,
    durationSec: r.durationSec,
    sha256: r.sha256,
    filename: r.filename,
    format: r.format,
    audioUrl: `/api/stems/${r.id}/audio`,
  }));
  return { revision: dto, mix: row.snapshot as unknown as MixSnapshot, stems };
}

/**
 * Deletes a revision (lead): a tombstone keeps its number, title, author and who deleted it; its
 * document state, snapshot and renders go, and the stems only it pinned may be collected.
 */
export async function deleteRevision(ctx: StemContext, options: { userId: string; revisionId: string }): Promise<void> {
  const { row } = await getRevisionRow(ctx, { ...options, action: 'deleteRevision' });
  liveRow(row);
  const renders = await ctx.db.transaction(async (tx) => {
    await tx
      .update(revision)
      .set({ deletedAt: ctx.now(), deletedBy: options.userId, state: new Uint8Array(0), snapshot: {}, stemHashes: {}, provenance: {} })
      .where(and(eq(revision.id, row.id), isNull(revision.deletedAt)));
    const removed = await tx.delete(revisionRender).where(eq(revisionRender.revisionId, row.id)).returning({ sha256: revisionRender.sha256 });
    await tx.insert(projectEvent).values({
      projectId: row.projectId,
      userId: options.userId,
      kind: PROJECT_EVENT_KINDS.revision_deleted,
      data: { revisionId: row.id, number: row.number, title: row.title },
      createdAt: ctx.now(),
    });
    return removed;
  });
  await removeUnusedRenders(ctx, renders.map((r) => r.sha256));
  await collectStemGarbage(ctx, row.projectId);
}

/** Deletes the render blobs (and their peaks) of these hashes that no render row uses any more. */
export async function removeUnusedRenders(ctx: Pick<StemContext, 'db' | 'blobs'>, shas: string[]): Promise<void> {
  if (shas.length === 0) return;
  const used = new Set((await ctx.db.select({ sha256: revisionRender.sha256 }).from(revisionRender).where(inArray(revisionRender.sha256, shas))).map((r) => r.sha256));
  for (const sha of new Set(shas)) {
    if (used.has(sha)) continue;
    await ctx.blobs.delete(blobKeys.render(sha));
    await ctx.blobs.delete(blobKeys.peaks(sha));
  }
}

/**
 * Restores a revision (lead): its values are written into the live document as ordinary edits
 * through the gate, audited under the lead (`writeMix`). Restoring another revision undoes it.
 */
export async function restoreRevision(ctx: StemContext, options: { userId: string; revisionId: string }): Promise<{ changes: number }> {
  const { row, principal } = await getRevisionRow(ctx, { ...options, action: 'restoreRevision' });
  liveRow(row);
  const result = await ctx.sync.editAs(row.projectId, principal, (doc) => writeMix(doc, row.snapshot as unknown as MixSnapshot));
  if (!result.ok) throw new AppError('conflict', { message: `the restore was refused: ${result.message}`, details: { code: result.code, path: result.path } });
  await recordEvent(ctx, row.projectId, options.userId, PROJECT_EVENT_KINDS.revision_restored, { revisionId: row.id, number: row.number, title: row.title });
  return { changes: result.changes.length };
}

export interface RevisionDiff {
  from: { revisionId: string | null; number: number | null; label: string };
  to: { revisionId: string | null; number: number | null; label: string };
  changes: MixChange[];
  text: string;
}

/** Who a user id is, for diffs of assignee lists. */
async function withNames(ctx: Pick<StemContext, 'db'>, changes: MixChange[]): Promise<MixChange[]> {
  const ids = changes.filter((c) => c.label === 'assignees').flatMap((c) => [c.from, c.to].flatMap((v) => String(v).split(', ')));
  const names = await userNames(ctx, ids);
  if (names.size === 0) return changes;
  const rename = (v: unknown) => String(v).split(', ').map((id) => names.get(id) ?? id).join(', ');
  return changes.map((c) => {
    if (c.label !== 'assignees') return c;
    const from = rename(c.from);
    const to = rename(c.to);
    return { ...c, from, to, text: `${c.target} · assignees ${from} → ${to}` };
  });
}

/** The parameter-level diff between two revisions of a project, or a revision and the live state (`'live'`). */
export async function diffRevisions(ctx: StemContext, options: { userId: string; from: string; to: string }): Promise<RevisionDiff> {
  if (options.from === 'live') throw new AppError('invalid_input', { message: 'the first revision of a diff must be a revision; compare it with `live`' });
  const { row: a } = await getRevisionRow(ctx, { userId: options.userId, revisionId: options.from });
  liveRow(a);
  let b: { snapshot: MixSnapshot; side: RevisionDiff['to'] };
  if (options.to === 'live') {
    b = { snapshot: await ctx.sync.read(a.projectId, readMix), side: { revisionId: null, number: null, label: 'live' } };
  } else {
    const { row } = await getRevisionRow(ctx, { userId: options.userId, revisionId: options.to });
    liveRow(row);
    if (row.projectId !== a.projectId) throw new AppError('invalid_input', { message: 'the two revisions belong to different projects' });
    b = { snapshot: row.snapshot as unknown as MixSnapshot, side: { revisionId: row.id, number: row.number, label: `revision ${row.number}` } };
  }
  const changes = await withNames(ctx, diffMix(a.snapshot as unknown as MixSnapshot, b.snapshot));
  return {
    from: { revisionId: a.id, number: a.number, label: `revision ${a.number}` },
    to: b.side,
    changes,
    text: changes.map((c) => c.text).join('\n'),
  };
}
