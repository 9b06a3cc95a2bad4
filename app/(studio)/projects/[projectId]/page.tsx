'use client';

import { useParams } from 'next/navigation';
import { useProject } from '../../../_lib/queries';
import { ProjectHeader } from './_components/project-header';

export default function MixerPage() {
  const { projectId } = useParams<{ projectId: string }>();
  const project = useProject(projectId);
  return (
    <main className="page">
      <ProjectHeader projectId={projectId} view="mixer" />
      {project.isSuccess && (
        <section aria-label="Mixer" className="mixer-placeholder">
          <div className="mixer-placeholder__note">
            <strong>The mixer is on its way</strong>
            <span>Stems, channel strips and the shared transport will appear here.</span>
          </div>
        </section>
      )}
    </main>
  );
}
