'use client';

import { CreateProjectForm } from './_components/create-project-form';
import { ProjectList } from './_components/project-list';

export default function ProjectsPage() {
  return (
    <main className="page">
      <title>Projects · Mixroom</title>
      <div className="page-head">
        <div className="page-head__titles">
          <span className="eyebrow">Studio</span>
          <h1>Your projects</h1>
        </div>
      </div>
      <div className="grid-2">
        <ProjectList />
        <CreateProjectForm />
      </div>
    </main>
  );
}
