'use client';

import Link from 'next/link';
import { Loading } from '../../../../_components/loading';
import { Notice } from '../../../../_components/notice';
import { RoleBadge } from '../../../../_components/role-badge';
import { isApiError } from '../../../../_lib/api';
import { useProject } from '../../../../_lib/queries';
import { ReviewStatusButton } from '../review/review-status-button';

export interface ProjectHeaderProps {
  projectId: string;
  /** Which page of the project this is: the header links to the others. */
  view: 'mixer' | 'settings' | 'review';
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
      <title>{`${view === 'settings' ? 'Settings — ' : view === 'review' ? 'Review — ' : ''}${name} · Mixroom`}</title>
      <div className="project-header__titles">
        <nav className="crumbs" aria-label="Breadcrumb">
          <Link href="/">Projects</Link>
          <span aria-hidden="true">/</span>
          {view !== 'mixer' ? <Link href={`/projects/${projectId}`}>{name}</Link> : <span>Mixer</span>}
          {view !== 'mixer' && (
            <>
              <span aria-hidden="true">/</span>
              <span>{view === 'settings' ? 'Settings' : 'Review'}</span>
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
        <ReviewStatusButton projectId={projectId} role={role} />
        {view !== 'mixer' && (
          <Link href={`/projects/${projectId}`} className="btn btn--secondary">
            Open mixer
          </Link>
        )}
        {view !== 'settings' && (
          <Link href={`/projects/${projectId}/settings`} className="btn btn--secondary">
            Settings
          </Link>
        )}
      </div>
    </header>
  );
}
