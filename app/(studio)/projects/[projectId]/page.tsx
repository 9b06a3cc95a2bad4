'use client';

import { useParams } from 'next/navigation';
import { useProject } from '../../../_lib/queries';
import { useSession } from '../../../_lib/session';
import { ProjectHeader } from './_components/project-header';
import { Studio } from './_components/studio';

export default function MixerPage() {
  const { projectId } = useParams<{ projectId: string }>();
  const project = useProject(projectId);
  const session = useSession();
  return (
    <main className="page page--mixer">
      <ProjectHeader projectId={projectId} view="mixer" />
      {project.isSuccess && session.data && (
        <Studio projectId={projectId} projectName={project.data.name} userId={session.data.id} role={project.data.role} />
      )}
    </main>
  );
}
