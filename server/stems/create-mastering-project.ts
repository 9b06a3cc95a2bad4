import type { ProjectDto, StemDto } from '../../lib/api/dto';
import { initMaster, META_SHAPE } from '../../lib/doc';
import { createProject, deleteProject } from '../services/projects/projects';
import { ingestUpload, requireStereoMix } from './ingest-upload';
import type { ReceivedUpload } from './receive-upload';
import { addStem, type StemContext } from './stems';

export interface CreateMasteringProjectOptions {
  userId: string;
  name: string;
  /** The mix's file name: the name of its track. */
  filename: string;
  upload: ReceivedUpload;
}

/**
 * A mastering-only project made from one stereo mix, in one operation: it exists with its one
 * track, or not at all (SPEC M1). The mix is decoded and checked first (a file that is not a
 * stereo mix is refused before any project exists); then the project, its stem and its document
 * (the track and the master section, one edit) are made, and should any of that fail the project
 * is deleted again.
 */
export async function createMasteringProject(
  ctx: StemContext,
  options: CreateMasteringProjectOptions,
): Promise<{ project: ProjectDto; stem: StemDto; trackId: string }> {
  // A new project's document has the default rate until someone changes it.
  const sampleRate = META_SHAPE.sampleRate.parse(undefined);
  return ingestUpload(ctx, options.upload, async () => ({ sampleRate }), async (result) => {
    requireStereoMix(result.metadata.channels);
    const project = await createProject(ctx, { userId: options.userId, name: options.name, kind: 'mastering' });
    try {
      const created = await addStem(
        ctx,
        { userId: options.userId, projectId: project.id, filename: options.filename, initTrack: (doc) => initMaster(doc) },
        { userId: options.userId, role: 'lead' },
        result,
      );
      return { project, ...created };
    } catch (err) {
      await deleteProject(ctx, { userId: options.userId, projectId: project.id }).catch((cleanup: unknown) =>
        ctx.log.error({ err: cleanup, projectId: project.id }, 'could not delete a mastering project whose mix failed'),
      );
      throw err;
    }
  });
}
