import fsp from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { member, project, user } from '../../db/schema';
import { createBus, ensureRoots, readMix, setAssignees, setMetaField, setSend, setStripParam, setTrackField } from '../../lib/doc';
import type { AppContext } from '../app-context';
import { DEMO_PROJECT_NAME } from '../services/demo/seed-demo';
import { createStemFromUpload } from '../stems/stems';
import { DEMO_BPM, DEMO_LENGTH_SEC, DEMO_REVERB, demoStems } from './demo-song';
import { writeDemoStem } from './write-demo-stem';

export const DEMO_LEAD_EMAIL = 'lead@demo.mixroom';
/** Tracks the demo mixer may edit from the start. */
const MIXER_TRACKS = ['Bass', 'Keys'];

/**
 * Gives the demo project its song: each stem not there yet is synthesised to a file and uploaded
 * through the same ingest path as a user's upload, as the demo lead. Runs in the background after
 * the server listens; `signal` stops it between steps (shutdown), and the next start resumes with
 * the stems still missing. Returns the names of the stems it added.
 */
export async function seedDemoSong(ctx: AppContext, signal: AbortSignal): Promise<string[]> {
  const [found] = await ctx.database.db
    .select({ projectId: project.id, leadId: user.id })
    .from(project)
    .innerJoin(member, and(eq(member.projectId, project.id), eq(member.role, 'lead')))
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(project.name, DEMO_PROJECT_NAME), eq(user.email, DEMO_LEAD_EMAIL)))
    .limit(1);
  if (!found) return [];
  const { projectId, leadId } = found;
  const lead = { userId: leadId, role: 'lead' as const };
  const sampleRate = await ctx.sync.read(projectId, (doc) => readMix(doc).meta.sampleRate);
  await ctx.sync.editAs(projectId, lead, (doc) => {
    if (!ensureRoots(doc).buses.has(DEMO_REVERB.id)) createBus(doc, DEMO_REVERB.id, { name: DEMO_REVERB.name, kind: DEMO_REVERB.kind });
  });
  const added: string[] = [];
  for (const stem of demoStems(sampleRate)) {
    signal.throwIfAborted();
    const present = await ctx.sync.read(projectId, (doc) => readMix(doc).tracks.some((t) => t.name === stem.name && t.stemId));
    if (present) continue;
    const file = path.join(ctx.stemContext.tmpDir, `demo-${stem.name}-${process.pid}.wav`);
    try {
      await writeDemoStem(stem, file, { sampleRate, lengthSec: DEMO_LENGTH_SEC, signal });
      signal.throwIfAborted();
      const bytes = (await fsp.stat(file)).size;
      // The starting mix goes in with the track, so nobody ever sees the track without it.
      await createStemFromUpload(ctx.stemContext, {
        userId: leadId,
        projectId,
        filename: `${stem.name}.wav`,
        upload: { path: file, bytes },
        initTrack: (doc, trackId) => {
          setTrackField(doc, trackId, 'color', stem.color);
          setStripParam(doc, trackId, 'gainDb', stem.faderDb);
          setStripParam(doc, trackId, 'pan', stem.pan);
          if (stem.reverbDb !== null) setSend(doc, trackId, DEMO_REVERB.id, { levelDb: stem.reverbDb });
        },
      });
      added.push(stem.name);
    } finally {
      await fsp.rm(file, { force: true });
    }
  }
  if (added.length > 0) {
    const [mixer] = await ctx.database.db
      .select({ id: member.userId })
      .from(member)
      .where(and(eq(member.projectId, projectId), eq(member.role, 'mixer')))
      .limit(1);
    await ctx.sync.editAs(projectId, lead, (doc) => {
      setMetaField(doc, 'bpm', DEMO_BPM);
      setMetaField(doc, 'title', DEMO_PROJECT_NAME);
      setMetaField(doc, 'lengthSec', DEMO_LENGTH_SEC);
      for (const track of readMix(doc).tracks) {
        if (mixer && MIXER_TRACKS.includes(track.name)) setAssignees(doc, track.id, [mixer.id]);
      }
    });
  }
  return added;
}
