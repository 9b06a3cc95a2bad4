import crypto from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, lt, notInArray } from 'drizzle-orm';
import type * as Y from 'yjs';
import { project, revision, stem } from '../../db/schema';
import type { StemDto } from '../../lib/api/dto';
import { createTrack, readMix, setTrackField } from '../../lib/doc';
import { AppError } from '../../lib/errors';
import type { Principal } from '../../lib/roles';
import { requireProjectAccess } from '../access/project-access';
import type { IngestRequest, IngestResult } from '../ingest/ingest-options';
import type { Logger } from '../log';
import type { ServiceContext } from '../services/service-context';
import { blobKeys, type BlobStore } from '../storage/blob-store';
import type { SyncServer } from '../sync/sync-server';
import { serveBlob, serveCanonicalAudio, type BlobResponse } from '../storage/serve-blob';
import { ingestUpload, requireStereoMix } from './ingest-upload';
import { StemsInFlight } from './stems-in-flight';
import type { ReceivedUpload } from './receive-upload';

export type { StemDto };

export interface StemContext extends ServiceContext {
  blobs: BlobStore;
  sync: SyncServer;
  ingest: (request: IngestRequest) => Promise<IngestResult>;
  /** Scratch folder inside the data folder. */
  tmpDir: string;
  log: Logger;
}

function toDto(row: typeof stem.$inferSelect): StemDto {
  return {
    id: row.id,
    sampleRate: row.sampleRate,
    sourceSampleRate: row.sourceSampleRate,
    channels: row.channels,
    durationSec: row.durationSec,
    sha256: row.sha256,
    filename: row.filename,
    format: row.format,
  };
}

/** Track name from a file name: without folders and extension, trimmed to the schema's limit. */
export function trackNameFrom(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const name = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim();
  return (name || 'Untitled stem').slice(0, 200);
}

/** Stem ids whose upload is between its database row and its document edit: never collected. */
const inFlight = new StemsInFlight();

export interface CreateStemOptions {
  userId: string;
  projectId: string;
  /** Replace the audio of this track; without it a new track is created (lead only). */
  trackId?: string;
  filename: string;
  upload: ReceivedUpload;
  /** More edits of the new track in the same document change (the demo song's starting mix). */
  initTrack?: (doc: Y.Doc, trackId: string) => void;
}

/** What a stem upload may do, checked before its body is read and again before it is stored. */
export interface StemUploadGrant {
  principal: Principal;
  sampleRate: number;
  /** The project is mastering-only: its one source must be a stereo mix (SPEC M1). */
  masteringOnly: boolean;
}

/**
 * Checks that the user may upload to this project (a new track: lead; `trackId`: the lead or a
 * mixer assigned to it) before anything is read, and returns what the ingest needs. A
 * mastering-only project takes no second track (SPEC M1): its mix is replaced onto its track.
 */
export async function authorizeStemUpload(ctx: StemContext, options: { userId: string; projectId: string; trackId?: string }): Promise<StemUploadGrant> {
  const principal = await requireProjectAccess(ctx.db, { projectId: options.projectId, userId: options.userId, action: 'read' });
  const [row] = await ctx.db.select({ kind: project.kind }).from(project).where(eq(project.id, options.projectId));
  const masteringOnly = row?.kind === 'mastering';
  const { sampleRate, trackExists, assigned, trackCount } = await ctx.sync.read(options.projectId, (doc) => {
    const mix = readMix(doc);
    const track = options.trackId ? mix.tracks.find((t) => t.id === options.trackId) : undefined;
    return { sampleRate: mix.meta.sampleRate, trackExists: !!track, assigned: !!track?.assignees.includes(options.userId), trackCount: mix.tracks.length };
  });
  checkUploadPermission(principal, options.trackId, trackExists, assigned);
  if (masteringOnly && !options.trackId && trackCount > 0) {
    throw new AppError('conflict', {
      message: 'a mastering-only project has exactly one source, its stereo mix: to replace it, upload the new mix onto its track (?trackId=)',
      details: { field: 'trackId' },
    });
  }
  return { principal, sampleRate, masteringOnly };
}

/**
 * Ingests an upload (off the main thread, time-limited), stores the canonical copy and peaks by
 * content, records the stem and points a track at it through the gate, audited under the user.
 * Whatever fails, nothing is left behind: the upload, the ingest outputs and a new row go.
 */
export async function createStemFromUpload(ctx: StemContext, options: CreateStemOptions): Promise<{ stem: StemDto; trackId: string }> {
  return ingestUpload(ctx, options.upload, () => authorizeStemUpload(ctx, options), async (result, grant) => {
    if (grant.masteringOnly) requireStereoMix(result.metadata.channels);
    return addStem(ctx, options, grant.principal, result);
  });
}

/**
 * Stores an ingested upload as a stem of the project and points a track at it (a new one, or
 * `trackId`) through the gate, audited under `principal`. On failure the new row goes.
 */
export async function addStem(
  ctx: StemContext,
  options: Omit<CreateStemOptions, 'upload'>,
  principal: Principal,
  result: IngestResult,
): Promise<{ stem: StemDto; trackId: string }> {
  let rowId: string | undefined;
  try {
    await ctx.blobs.putFile(blobKeys.audio(result.sha256), result.audioPath);
    await ctx.blobs.putFile(blobKeys.peaks(result.sha256), result.peaksPath);
    const audioBytes = (await ctx.blobs.size(blobKeys.audio(result.sha256))) ?? 0;
    rowId = crypto.randomUUID();
    inFlight.add(rowId);
    const [row] = await ctx.db
      .insert(stem)
      .values({
        id: rowId,
        projectId: options.projectId,
        sha256: result.sha256,
        filename: options.filename.slice(0, 500),
        format: result.metadata.format,
        sampleRate: result.metadata.sampleRate,
        sourceSampleRate: result.metadata.sourceSampleRate,
        channels: result.metadata.channels,
        frames: result.metadata.frames,
        durationSec: result.metadata.durationSec,
        bytes: audioBytes,
        analysis: result.analysis as unknown as Record<string, unknown>,
        createdBy: options.userId,
        createdAt: ctx.now(),
      })
      .returning();
    const trackId = options.trackId ?? `t_${crypto.randomBytes(6).toString('base64url')}`;
    const edit = await ctx.sync.editAs(options.projectId, principal, (doc) => {
      if (options.trackId) {
        setTrackField(doc, options.trackId, 'stemId', row.id);
      } else {
        const order = readMix(doc).tracks.reduce((max, t) => Math.max(max, t.order + 1), 0);
        createTrack(doc, trackId, { name: trackNameFrom(options.filename), stemId: row.id, order });
        options.initTrack?.(doc, trackId);
      }
    });
    if (!edit.ok) throw new AppError(edit.code === 'forbidden' ? 'forbidden' : 'conflict', { message: edit.message });
    inFlight.delete(rowId);
    return { stem: toDto(row), trackId };
  } catch (err) {
    if (rowId) {
      inFlight.delete(rowId);
      await ctx.db.delete(stem).where(eq(stem.id, rowId));
      await collectStemGarbage(ctx, options.projectId).catch(() => undefined);
    }
    throw err;
  }
}

function checkUploadPermission(principal: Principal, trackId: string | undefined, trackExists: boolean, assigned: boolean): void {
  if (!trackId) {
    if (principal.role !== 'lead') throw new AppError('forbidden', { message: 'only the lead adds tracks' });
    return;
  }
  if (!trackExists) throw new AppError('not_found', { message: `no track ${trackId} in this project`, details: { field: 'trackId' } });
  if (principal.role !== 'lead' && !(principal.role === 'mixer' && assigned)) {
    throw new AppError('forbidden', { message: `a ${principal.role} may not replace the audio of this track` });
  }
}

/**
 * With several instances, a stem row younger than this may belong to an upload on another instance
 * whose document edit has not reached this one yet: it is kept, and the project collected again
 * once it is older.
 */
export const CLUSTER_STEM_GRACE_MS = 60_000;
const recollect = new Map<string, NodeJS.Timeout>();

/**
 * Removes the stems of a project that no track and no live revision points at any more (except
 * uploads in flight, and with several instances stems younger than CLUSTER_STEM_GRACE_MS), and the
 * blobs that no stem of any project uses.
 */
export async function collectStemGarbage(ctx: StemContext, projectId: string): Promise<number> {
  const clustered = !!ctx.sync.cluster;
  const startedAt = ctx.now();
  const cutoff = new Date(startedAt.getTime() - CLUSTER_STEM_GRACE_MS);
  const removed = await inFlight.during(async (uploading) => {
    const referenced = await ctx.sync.read(projectId, (doc) =>
      readMix(doc)
        .tracks.map((t) => t.stemId)
        .filter((id): id is string => !!id),
    );
    // Revisions pin the stems they play (a restore brings the audio back), until they are deleted.
    const pinned = await ctx.db
      .select({ hashes: revision.stemHashes })
      .from(revision)
      .where(and(eq(revision.projectId, projectId), isNull(revision.deletedAt)));
    const keep = [...referenced, ...pinned.flatMap((r) => Object.keys(r.hashes))];
    const unused = and(eq(stem.projectId, projectId), keep.length > 0 ? notInArray(stem.id, keep) : undefined);
    // Every upload in flight since the start, and (should the database run a later insert before
    // this delete) every row newer than the start.
    const spare = [...uploading];
    return ctx.db
      .delete(stem)
      .where(and(unused, spare.length > 0 ? notInArray(stem.id, spare) : undefined, lt(stem.createdAt, clustered ? cutoff : startedAt)))
      .returning({ sha256: stem.sha256 });
  });
  if (clustered) await scheduleRecollect(ctx, projectId, cutoff);
  await removeUnusedBlobs(ctx, removed.map((r) => r.sha256));
  return removed.length;
}

/** With several instances: collects the project again when its youngest unreferenced-looking rows pass the grace. */
async function scheduleRecollect(ctx: StemContext, projectId: string, cutoff: Date): Promise<void> {
  if (recollect.has(projectId)) return;
  const [young] = await ctx.db
    .select({ createdAt: stem.createdAt })
    .from(stem)
    .where(and(eq(stem.projectId, projectId), gt(stem.createdAt, cutoff)))
    .orderBy(desc(stem.createdAt))
    .limit(1);
  if (!young) return;
  const delay = young.createdAt.getTime() + CLUSTER_STEM_GRACE_MS - ctx.now().getTime() + 1000;
  const timer = setTimeout(() => {
    recollect.delete(projectId);
    collectStemGarbage(ctx, projectId).catch((err) => ctx.log.warn({ err, projectId }, 'stem garbage collection failed'));
  }, Math.max(delay, 1000));
  timer.unref();
  recollect.set(projectId, timer);
}

/** Deletes the blobs of these hashes that no stem row uses any more. */
export async function removeUnusedBlobs(ctx: Pick<StemContext, 'db' | 'blobs'>, shas: string[]): Promise<void> {
  if (shas.length === 0) return;
  const used = new Set(
    (await ctx.db.select({ sha256: stem.sha256 }).from(stem).where(inArray(stem.sha256, shas))).map((r) => r.sha256),
  );
  for (const sha of new Set(shas)) {
    if (used.has(sha)) continue;
    await ctx.blobs.delete(blobKeys.audio(sha));
    await ctx.blobs.delete(blobKeys.peaks(sha));
  }
}

async function getStemRow(ctx: StemContext, options: { userId: string; stemId: string }) {
  const [row] = await ctx.db.select().from(stem).where(eq(stem.id, options.stemId)).limit(1);
  if (!row) throw new AppError('not_found', { message: 'stem not found' });
  // Not a member: the same answer as a missing stem.
  await requireProjectAccess(ctx.db, { projectId: row.projectId, userId: options.userId, action: 'read' });
  return row;
}

export async function getStem(ctx: StemContext, options: { userId: string; stemId: string }) {
  const row = await getStemRow(ctx, options);
  return { stem: toDto(row), analysis: row.analysis };
}

export type { BlobResponse };

/** The canonical audio, with range support, typed and marked as a download that must not be sniffed. */
export async function readStemAudio(ctx: StemContext, options: { userId: string; stemId: string; range?: string | null }): Promise<BlobResponse> {
  const row = await getStemRow(ctx, options);
  return serveCanonicalAudio(ctx.blobs, blobKeys.audio(row.sha256), { fileId: row.id, sha256: row.sha256, range: options.range, missing: 'the audio of this stem is missing' });
}

export async function readStemPeaks(ctx: StemContext, options: { userId: string; stemId: string }): Promise<BlobResponse> {
  const row = await getStemRow(ctx, options);
  return serveBlob(ctx.blobs, blobKeys.peaks(row.sha256), {
    missing: 'the waveform peaks are missing',
    headers: { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=31536000, immutable' },
  });
}

/** True when an accepted edit may have dropped a stem reference (a track deleted or re-pointed). */
export function touchesStemReferences(changes: readonly { path: string; kind: string }[]): boolean {
  return changes.some((c) => (c.kind === 'delete' && /^tracks\/[^/]+$/.test(c.path)) || c.path.endsWith('/stemId') || c.path === 'tracks');
}

export interface ProjectMixDto {
  mix: ReturnType<typeof readMix>;
  stems: Array<StemDto & { audioUrl: string }>;
}

/** The project's MixSnapshot read from the live room (not only the last compacted state), with its stems. */
export async function getProjectMix(ctx: StemContext, options: { userId: string; projectId: string }): Promise<ProjectMixDto> {
  await requireProjectAccess(ctx.db, { ...options, action: 'read' });
  const mix = await ctx.sync.read(options.projectId, readMix);
  const ids = [...new Set(mix.tracks.map((t) => t.stemId).filter((id): id is string => !!id))];
  const rows = ids.length > 0 ? await ctx.db.select().from(stem).where(and(eq(stem.projectId, options.projectId), inArray(stem.id, ids))) : [];
  return { mix, stems: rows.map((r) => ({ ...toDto(r), audioUrl: `/api/stems/${r.id}/audio` })) };
}
