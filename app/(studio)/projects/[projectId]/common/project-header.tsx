'use client';

import Link from 'next/link';
import { Loading } from '../../../../_components/loading';
import { Notice } from '../../../../_components/notice';
import { RoleBadge } from '../../../../_components/role-badge';
import { isApiError } from '../../../../_lib/api';
import { useProject } from '../../../../_lib/queries';

export interface ProjectHeaderProps {
  projectId: string;
  /** Which page of the project this is: the header links to the other one. */
  view: 'mixer' | 'settings';
}

export function ProjectHeader({ projectId, view }: ProjectHeaderProps) {
  const project = useProject(projectId);

  if (project.isPending) return <Loading label="Loading project…" />;
  if (project.isError) {
    const missing = isApiError(project.error) && project.error.status === 404;
    return (
      <Notice tone="error" title={missing ? 'Project not found' : 'Could not load the project'}>
        {missing ? 'It does not exist, or you are not a member of it. ' : `${project.error.message} `}
        <Link href="/">Back to your projects</Link>
      </Notice>
    );
  }

  const { name, role } = project.data;
  return (
    <header className="project-header">
      <title>{`${view === 'settings' ? 'Settings — ' : ''}${name} · Mixroom`}</title>
      <div className="project-header__titles">
        <nav className="crumbs" aria-label="Breadcrumb">
          <Link href="/">Projects</Link>
          <span aria-hidden="true">/</span>
          {view === 'settings' ? <Link href={`/projects/${projectId}`}>{name}</Link> : <span>Mixer</span>}
          {view === 'settings' && (
            <>
              <span aria-hidden="true">/</span>
              <span>Settings</span>
            </>
          )}
        </nav>
        <div className="project-header__name-row">
          <h1 className="project-header__name">{name}</h1>
          <span className="sr-only">Your role:</span>
          <RoleBadge role={role} />
        </div>
      </div>
      <div className="actions">
        {view === 'mixer' ? (
          <Link href={`/projects/${projectId}/settings`} className="btn btn--secondary">
            Settings
          </Link>
        ) : (
          <Link href={`/projects/${projectId}`} className="btn btn--secondary">
            Open mixer
          </Link>
        )}
      </div>
    </header>
  );
}
