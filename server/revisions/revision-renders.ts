import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { revisionRender } from '../../db/schema';
import type { RevisionKind, RevisionRenderDto } from '../../lib/api/dto';
import { resolveTarget } from '../../lib/audio/mastering-targets';
import { PROVENANCE_CHUNK_ID } from '../../lib/audio/export/encode-export';
import type { QualityContext } from '../../lib/audio/quality-control';
import { readWavChunk } from '../../lib/audio/wav';
import type { MixSnapshot } from '../../lib/doc';
import { AppError } from '../../lib/errors';
import type { AudioReport, MeasureOptions } from '../ingest/measure-audio';
import type { WorkerLimits } from '../ingest/ingest-file';
import type { ReceivedUpload } from '../stems/receive-upload';
import type { StemContext } from '../stems/stems';
import { serveBlob, type BlobResponse } from '../storage/serve-blob';
import { blobKeys } from '../storage/blob-store';
import { getRevisionRow, PROJECT_EVENT_KINDS, PUBLISH_ACTION, recordEvent, RENDER_KINDS_OF, renderToDto } from './revisions';

export interface RevisionContext extends StemContext {
  /** Measures an uploaded render off the main thread (`measureFile`). */
  measure: (file: string, options: MeasureOptions & Partial<WorkerLimits>) => Promise<AudioReport>;
  /** Told when webhook deliveries were queued, so they go out at once. */
  onWebhookQueued?: () => void;
}

/** The head of a WAV in which the provenance chunk must lie (it is written before the samples). */
const HEAD_BYTES = 64 * 1024;

/** The provenance record a render carries (lib/audio/export: `{ sha256, engine }` in a `mxpv` chunk). */
export async function readProvenance(file: string): Promise<{ sha256: string; engine?: string } | undefined> {
  const handle = await fsp.open(file, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    const bytes = new Uint8Array(head.buffer, head.byteOffset, bytesRead);
    if (bytesRead < 12 || head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') return undefined;
    const body = readWavChunk(bytes, PROVENANCE_CHUNK_ID);
    if (!body) return undefined;
    const record = JSON.parse(new TextDecoder().decode(body)) as { sha256?: unknown; engine?: unknown };
    return typeof record.sha256 === 'string' ? { sha256: record.sha256, engine: typeof record.engine === 'string' ? record.engine : undefined } : undefined;
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface StoreRenderOptions {
  userId: string;
  revisionId: string;
  kind: RevisionKind;
  upload: ReceivedUpload;
}

/**
 * Checks the caller may upload this render (before the body is read): the revision lives, takes
 * this kind, does not have it yet, and the caller may publish its kind.
 */
export async function authorizeRenderUpload(ctx: RevisionContext, options: { userId: string; revisionId: string; kind: RevisionKind }) {
  const { row } = await getRevisionRow(ctx, { userId: options.userId, revisionId: options.revisionId, action: PUBLISH_ACTION[options.kind] });
  if (row.deletedAt) throw new AppError('not_found', { message: `revision ${row.number} was deleted` });
  if (!RENDER_KINDS_OF[row.kind].includes(options.kind)) throw new AppError('not_found', { message: `a ${row.kind} revision has no ${options.kind} render` });
  const [existing] = await ctx.db.select({ kind: revisionRender.kind }).from(revisionRender).where(and(eq(revisionRender.revisionId, row.id), eq(revisionRender.kind, options.kind))).limit(1);
  if (existing) throw new AppError('conflict', { message: `revision ${row.number} already has its ${options.kind} render: revisions never change` });
  return row;
}

/**
 * Stores the render of a revision: accepted only when the provenance hash it carries is the one
 * the revision expects (same document state, stems, engine and options), then measured here
 * (loudness and the quality report; never the uploader's numbers) with its waveform peaks, and
 * stored by content. Whatever fails, nothing is left: the upload and the measurements go.
 */
export async function storeRender(ctx: RevisionContext, options: StoreRenderOptions): Promise<RevisionRenderDto> {
  const outputDir = await fsp.mkdtemp(path.join(ctx.tmpDir, 'render-'));
  try {
    const row = await authorizeRenderUpload(ctx, options);
    const expected = row.provenance[options.kind];
    const carried = await readProvenance(options.upload.path);
    if (!carried) {
      throw new AppError('unprocessable', { message: `a revision's render is a 24-bit WAV carrying its provenance chunk (mxpv); this file has none` });
    }
    if (carried.sha256 !== expected) {
      throw new AppError('conflict', {
        message: `this render is not of revision ${row.number}: its provenance is ${carried.sha256}, the revision's ${expected} (another document state, stems, engine version or options)`,
        details: { expected, received: carried.sha256 },
      });
    }
    const snapshot = row.snapshot as unknown as MixSnapshot;
    const quality: QualityContext =
      options.kind === 'master' ? { target: resolveTarget(snapshot.master), ceilingDbtp: snapshot.master.limiter.on ? snapshot.master.limiter.ceilingDbtp : null } : {};
    const peaksPath = path.join(outputDir, 'peaks.json');
    const report = await ctx.measure(options.upload.path, { quality, peaksPath, spoolDir: outputDir });
    if (report.format !== 'wav' || report.sampleRate !== snapshot.meta.sampleRate) {
      throw new AppError('unprocessable', { message: `a revision's render is a WAV at the project rate (${snapshot.meta.sampleRate} Hz); this is ${report.format} at ${report.sampleRate} Hz` });
    }
    const sha256 = await sha256OfFile(options.upload.path);
    await ctx.blobs.putFile(blobKeys.render(sha256), options.upload.path);
    await ctx.blobs.putFile(blobKeys.peaks(sha256), peaksPath);
    const [inserted] = await ctx.db
      .insert(revisionRender)
      .values({
        revisionId: row.id,
        kind: options.kind,
        sha256,
        bytes: options.upload.bytes,
        format: 'wav24',
        sampleRate: report.sampleRate,
        channels: report.channels,
        durationSec: report.durationSec,
        report: report as unknown as Record<string, unknown>,
        uploadedBy: options.userId,
        createdAt: ctx.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted) throw new AppError('conflict', { message: `revision ${row.number} already has its ${options.kind} render: revisions never change` });
    await recordEvent(ctx, row.projectId, options.userId, PROJECT_EVENT_KINDS.revision_rendered, { revisionId: row.id, number: row.number, kind: options.kind });
    return renderToDto(inserted);
  } finally {
    await fsp.rm(options.upload.path, { force: true });
    await fsp.rm(outputDir, { recursive: true, force: true });
  }
}

async function getRenderRow(ctx: RevisionContext, options: { userId: string; revisionId: string; kind: RevisionKind }) {
  const { row } = await getRevisionRow(ctx, options);
  const [render] = await ctx.db.select().from(revisionRender).where(and(eq(revisionRender.revisionId, row.id), eq(revisionRender.kind, options.kind))).limit(1);
  if (!render) throw new AppError('not_found', { message: `revision ${row.number} has no ${options.kind} render yet` });
  return { row, render };
}

/** A revision's render, with range support, typed and marked as a download that must not be sniffed. */
export async function readRender(ctx: RevisionContext, options: { userId: string; revisionId: string; kind: RevisionKind; range?: string | null }): Promise<BlobResponse> {
  const { row, render } = await getRenderRow(ctx, options);
  return serveBlob(ctx.blobs, blobKeys.render(render.sha256), {
    range: options.range,
    missing: 'the audio of this render is missing',
    headers: {
      'content-type': 'audio/wav',
      'x-content-type-options': 'nosniff',
      'content-disposition': `attachment; filename="revision-${row.number}-${options.kind}.wav"`,
      'cache-control': 'private, max-age=31536000, immutable',
      etag: `"${render.sha256}"`,
    },
  });
}

export async function readRenderPeaks(ctx: RevisionContext, options: { userId: string; revisionId: string; kind: RevisionKind }): Promise<BlobResponse> {
  const { render } = await getRenderRow(ctx, options);
  return serveBlob(ctx.blobs, blobKeys.peaks(render.sha256), {
    missing: 'the waveform peaks are missing',
    headers: { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=31536000, immutable' },
  });
}
