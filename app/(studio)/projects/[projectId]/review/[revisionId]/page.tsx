'use client';

import dynamic from 'next/dynamic';
import { useParams } from 'next/navigation';
import { Loading } from '../../../../../_components/loading';
import { useProject } from '../../../../../_lib/queries';
import { useSession } from '../../../../../_lib/session';
import { ProjectHeader } from '../../common/project-header';

/**
 * In the browser only, like the studio: it plays audio, and what it imports of lib/doc builds its
 * schemas at load time (after the app's zod configuration in instrumentation-client.ts, jitless:
 * no `Function` under our Content-Security-Policy).
 */
const RevisionReview = dynamic(() => import('../revision-review').then((m) => m.RevisionReview), {
  ssr: false,
  loading: () => <Loading label="Loading the revision…" />,
});

/** `/projects/<id>/review/<revisionId>[?t=83.2][#comment-<id>]`: one revision, its comments and the workflow. */
export default function RevisionReviewPage() {
  const { projectId, revisionId } = useParams<{ projectId: string; revisionId: string }>();
  const project = useProject(projectId);
  const session = useSession();
  return (
    <main className="page page--review">
      <ProjectHeader projectId={projectId} view="review" />
      {project.isSuccess && session.data && <RevisionReview projectId={projectId} revisionId={revisionId} userId={session.data.id} role={project.data.role} />}
    </main>
  );
}
