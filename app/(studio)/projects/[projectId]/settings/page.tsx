'use client';

import { useParams } from 'next/navigation';
import { useSession } from '../../../../_lib/session';
import { useProject } from '../../../../_lib/queries';
import { ProjectHeader } from '../common/project-header';
import { AddMemberForm } from './_components/add-member-form';
import { InvitesPanel } from './_components/invites-panel';
import { LeaveProjectPanel } from './_components/leave-project-panel';
import { MembersPanel } from './_components/members-panel';
import { ProjectAdminPanel } from './_components/project-admin-panel';
import { WebhooksPanel } from './_components/webhooks-panel';

export default function ProjectSettingsPage() {
  const { projectId } = useParams<{ projectId: string }>();
  const project = useProject(projectId);
  const session = useSession();
  const me = session.data;

  return (
    <main className="page">
      <ProjectHeader projectId={projectId} view="settings" />
      {project.data && me && (
        <div className="grid-2">
          <div className="stack">
            <MembersPanel projectId={projectId} isLead={project.data.role === 'lead'} currentUserId={me.id} />
            {project.data.role === 'lead' && <InvitesPanel projectId={projectId} />}
            {project.data.role === 'lead' && <WebhooksPanel projectId={projectId} />}
          </div>
          <div className="stack">
            {project.data.role === 'lead' && <AddMemberForm projectId={projectId} />}
            {project.data.role === 'lead' && <ProjectAdminPanel project={project.data} />}
            <LeaveProjectPanel project={project.data} currentUserId={me.id} />
          </div>
        </div>
      )}
    </main>
  );
}
