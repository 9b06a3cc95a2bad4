'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { updateProjectRequest, type ProjectDto } from '../../../../../../lib/api/dto';
import { Button } from '../../../../../_components/button';
import { ConfirmAction } from '../../../../../_components/confirm-action';
import { Form } from '../../../../../_components/form';
import { Notice } from '../../../../../_components/notice';
import { Panel } from '../../../../../_components/panel';
import { TextField } from '../../../../../_components/text-field';
import { errorMessage, NO_ERRORS, toFormErrors, validate, type FormErrors } from '../../../../../_lib/form';
import { useDeleteProject, useRenameProject } from '../../../../../_lib/queries';

const FIELDS = ['name'] as const;

/** Rename and delete: the lead's. */
export function ProjectAdminPanel({ project }: { project: ProjectDto }) {
  const router = useRouter();
  const rename = useRenameProject(project.id);
  const remove = useDeleteProject(project.id);
  const [name, setName] = useState(project.name);
  const [errors, setErrors] = useState<FormErrors<'name'>>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();

  function save() {
    setSaved(false);
    const checked = validate(updateProjectRequest, { name }, FIELDS);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors(NO_ERRORS);
    rename.mutate(checked.data.name, {
      onSuccess: (p) => {
        setName(p.name);
        setSaved(true);
      },
      onError: (err) => setErrors(toFormErrors(err, FIELDS)),
    });
  }

  function deleteProject() {
    setDeleteError(undefined);
    remove.mutate(undefined, {
      onSuccess: () => router.replace('/'),
      onError: (err) => setDeleteError(errorMessage(err)),
    });
  }

  return (
    <>
      <Panel title="Project">
        <Form onSubmit={save}>
          <TextField
            label="Project name"
            maxLength={120}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setSaved(false);
            }}
            error={errors.fields.name}
          />
          {errors.form && <Notice tone="error">{errors.form}</Notice>}
          {saved && <Notice tone="success">Saved.</Notice>}
          <div className="actions">
            <Button type="submit" variant="primary" busy={rename.isPending} disabled={name.trim() === project.name}>
              Save
            </Button>
          </div>
        </Form>
      </Panel>
      <Panel title="Danger zone" tone="danger" description="Removes the project, its members and invites for everyone.">
        {deleteError && <Notice tone="error">{deleteError}</Notice>}
        <ConfirmAction
          label="Delete project"
          message={
            <>
              Delete <strong>{project.name}</strong> for everyone? This cannot be undone.
            </>
          }
          busy={remove.isPending || remove.isSuccess}
          onConfirm={deleteProject}
        />
      </Panel>
    </>
  );
}
