'use client';

import { useParams } from 'next/navigation';
import { useProject } from '../../../_lib/queries';
import { useSession } from '../../../_lib/session';
import { Mixer } from './_components/mixer';
import { ProjectHeader } from './_components/project-header';

export default function MixerPage() {
  const { projectId } = useParams<{ projectId: string }>();
  const project = useProject(projectId);
  const session = useSession();
  return (
    <main className="page page--mixer">
      <ProjectHeader projectId={projectId} view="mixer" />
      {project.isSuccess && session.data && (
        <section aria-label="Mixer" className="mixer-section">
          <Mixer projectId={projectId} userId={session.data.id} role={project.data.role} />
        </section>
      )}
    </main>
  );
}
