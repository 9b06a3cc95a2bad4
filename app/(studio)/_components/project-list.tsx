'use client';

import Link from 'next/link';
import type { ProjectDto } from '../../../lib/api/dto';
import { Loading } from '../../_components/loading';
import { Notice } from '../../_components/notice';
import { RoleBadge } from '../../_components/role-badge';
import { formatDate } from '../../_lib/format';
import { useProjects } from '../../_lib/queries';

/** Fader-ish bars, a fixed pattern per project so that cards are told apart at a glance. */
function stripPattern(id: string): number[] {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return Array.from({ length: 16 }, (_, i) => 25 + (((h >>> (i % 24)) ^ (i * 97)) % 75));
}

function ProjectCard({ project }: { project: ProjectDto }) {
  return (
    <li>
      <Link href={`/projects/${project.id}`} className="project-card">
        <span className="project-card__name">{project.name}</span>
        <span className="project-card__strip" aria-hidden="true">
          {stripPattern(project.id).map((h, i) => (
            <span key={i} style={{ height: `${h}%` }} />
          ))}
        </span>
        <span className="project-card__meta">
          <RoleBadge role={project.role} />
          <span>
            Updated <time dateTime={project.updatedAt}>{formatDate(project.updatedAt)}</time>
          </span>
        </span>
      </Link>
    </li>
  );
}

export function ProjectList() {
  const projects = useProjects();
  if (projects.isPending) return <Loading label="Loading projects…" />;
  if (projects.isError) {
    return (
      <Notice tone="error" title="Could not load your projects">
        {projects.error.message}
      </Notice>
    );
  }
  if (projects.data.length === 0) {
    return (
      <div className="empty-state">
        <strong>No projects yet — create one</strong>
        <span>Start a project, then invite your mixers, mastering engineer and reviewers.</span>
      </div>
    );
  }
  return (
    <ul className="project-grid" aria-label="Projects">
      {projects.data.map((p) => (
        <ProjectCard key={p.id} project={p} />
      ))}
    </ul>
  );
}
