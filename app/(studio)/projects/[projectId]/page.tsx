'use client';

import dynamic from 'next/dynamic';
import { useParams } from 'next/navigation';
import { useProject } from '../../../_lib/queries';
import { useSession } from '../../../_lib/session';
import { ProjectHeader } from './common/project-header';
import { Loading } from '../../../_components/loading';

/**
 * The studio runs only in the browser (a live document, IndexedDB, Web Audio): it is not rendered
 * on the server, which also keeps a second copy of Yjs out of the server's bundle.
 */
const Studio = dynamic(() => import('./studio').then((m) => m.Studio), {
  ssr: false,
  loading: () => <Loading label="Loading the mixer…" />,
});

export default function MixerPage() {
  const { projectId } = useParams<{ projectId: string }>();
  const project = useProject(projectId);
  const session = useSession();
  return (
    <main className="page page--mixer">
      <ProjectHeader projectId={projectId} view="mixer" />
      {project.isSuccess && session.data && (
        <Studio projectId={projectId} projectName={project.data.name} projectKind={project.data.kind} userId={session.data.id} role={project.data.role} />
      )}
    </main>
  );
}
