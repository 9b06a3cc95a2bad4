import crypto from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { referenceTrack } from '../../db/schema';
import type { ReferenceTrackDto } from '../../lib/api/dto';
import { readMix } from '../../lib/doc';
import { AppError } from '../../lib/errors';
import { requireProjectAccess } from '../access/project-access';
import { blobKeys } from '../storage/blob-store';
import { serveCanonicalAudio, type BlobResponse } from '../storage/serve-blob';
import { ingestUpload } from '../stems/ingest-upload';
import type { ReceivedUpload } from '../stems/receive-upload';
import { trackNameFrom, type StemContext } from '../stems/stems';

/** At most this many references per project. */
export const MAX_REFERENCES = 20;

function toDto(row: typeof referenceTrack.$inferSelect): ReferenceTrackDto {
  return {
    id: row.id,
    name: row.name,
    filename: row.filename,
    format: row.format,
    sampleRate: row.sampleRate,
    channels: row.channels,
    durationSec: row.durationSec,
    integratedLufs: row.integratedLufs,
    truePeakDbtp: row.truePeakDbtp,
    createdAt: row.createdAt.toISOString(),
    audioUrl: `/api/references/${row.id}/audio`,
  };
}

/** The lead or the mastering engineer may add references (checked before a byte is read); returns the project rate. */
export async function authorizeReferenceUpload(ctx: StemContext, options: { userId: string; projectId: string }): Promise<{ sampleRate: number }> {
  await requireProjectAccess(ctx.db, { projectId: options.projectId, userId: options.userId, action: 'manageReferences' });
  const count = (await ctx.db.select({ id: referenceTrack.id }).from(referenceTrack).where(eq(referenceTrack.projectId, options.projectId))).length;
  if (count >= MAX_REFERENCES) throw new AppError('conflict', { message: `a project holds at most ${MAX_REFERENCES} reference tracks: delete one first` });
  const sampleRate = await ctx.sync.read(options.projectId, (doc) => readMix(doc).meta.sampleRate);
  return { sampleRate };
}

/**
 * Ingests a reference (the stems' decoders and analysis, at the project rate) and records it
 * apart from the stems: no track points at it, no render reads it.
 */
export async function createReferenceFromUpload(
  ctx: StemContext,
  options: { userId: string; projectId: string; filename: string; upload: ReceivedUpload },
): Promise<{ reference: ReferenceTrackDto }> {
  return ingestUpload(ctx, options.upload, () => authorizeReferenceUpload(ctx, options), async (result) => {
    await ctx.blobs.putFile(blobKeys.reference(result.sha256), result.audioPath);
    const [row] = await ctx.db
      .insert(referenceTrack)
      .values({
        id: crypto.randomUUID(),
        projectId: options.projectId,
        sha256: result.sha256,
        name: trackNameFrom(options.filename),
        filename: options.filename.slice(0, 500),
        format: result.metadata.format,
        sampleRate: result.metadata.sampleRate,
        channels: result.metadata.channels,
        durationSec: result.metadata.durationSec,
        integratedLufs: result.analysis.integratedLufs,
        truePeakDbtp: Number.isFinite(result.analysis.truePeakDbtp) ? result.analysis.truePeakDbtp : null,
        createdBy: options.userId,
        createdAt: ctx.now(),
      })
      .returning();
    return { reference: toDto(row) };
  });
}

export async function listReferences(ctx: StemContext, options: { userId: string; projectId: string }): Promise<{ references: ReferenceTrackDto[] }> {
  await requireProjectAccess(ctx.db, { ...options, action: 'read' });
  const rows = await ctx.db.select().from(referenceTrack).where(eq(referenceTrack.projectId, options.projectId)).orderBy(desc(referenceTrack.createdAt));
  return { references: rows.map(toDto) };
}

async function getRow(ctx: StemContext, options: { userId: string; referenceId: string }) {
  const [row] = await ctx.db.select().from(referenceTrack).where(eq(referenceTrack.id, options.referenceId)).limit(1);
  if (!row) throw new AppError('not_found', { message: 'reference track not found' });
  await requireProjectAccess(ctx.db, { projectId: row.projectId, userId: options.userId, action: 'read' });
  return row;
}

export async function readReferenceAudio(ctx: StemContext, options: { userId: string; referenceId: string; range?: string | null }): Promise<BlobResponse> {
  const row = await getRow(ctx, options);
  return serveCanonicalAudio(ctx.blobs, blobKeys.reference(row.sha256), {
    fileId: row.id,
    sha256: row.sha256,
    range: options.range,
    missing: 'the audio of this reference track is missing',
  });
}

/** Deletes a reference (the lead or mastering); its audio goes when no other reference uses it. */
export async function deleteReference(ctx: StemContext, options: { userId: string; referenceId: string }): Promise<void> {
  const row = await getRow(ctx, options);
  await requireProjectAccess(ctx.db, { projectId: row.projectId, userId: options.userId, action: 'manageReferences' });
  await ctx.db.delete(referenceTrack).where(eq(referenceTrack.id, row.id));
  const still = await ctx.db.select({ id: referenceTrack.id }).from(referenceTrack).where(and(eq(referenceTrack.sha256, row.sha256))).limit(1);
  if (still.length === 0) await ctx.blobs.delete(blobKeys.reference(row.sha256));
}
