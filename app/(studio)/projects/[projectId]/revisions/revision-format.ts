import type { RevisionDto, RevisionRenderDto } from '../../../../../lib/api/dto';

/** "-14.2 LUFS"; silence has no integrated loudness. */
export function formatLoudness(lufs: number | null): string {
  return lufs === null ? 'silent' : `${lufs.toFixed(1)} LUFS`;
}

/** The render a revision is heard by: its own kind's (a master revision also keeps its mix). */
export function mainRender(revision: RevisionDto): RevisionRenderDto | null {
  return revision.renders.find((r) => r.kind === revision.kind) ?? null;
}
