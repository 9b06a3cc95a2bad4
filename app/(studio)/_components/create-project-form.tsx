'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { createProjectRequest } from '../../../lib/api/dto';
import { Button } from '../../_components/button';
import { Form } from '../../_components/form';
import { Notice } from '../../_components/notice';
import { Panel } from '../../_components/panel';
import { TextField } from '../../_components/text-field';
import { NO_ERRORS, toFormErrors, validate, type FormErrors } from '../../_lib/form';
import { useCreateProject } from '../../_lib/queries';

const FIELDS = ['name'] as const;

export function CreateProjectForm() {
  const router = useRouter();
  const create = useCreateProject();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors<'name'>>(NO_ERRORS);

  function submit() {
    const checked = validate(createProjectRequest, { name }, FIELDS);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors(NO_ERRORS);
    create.mutate(checked.data.name, {
      onSuccess: (project) => router.push(`/projects/${project.id}`),
      onError: (err) => setErrors(toFormErrors(err, FIELDS)),
    });
  }

  return (
    <Panel title="New project" description="You will be its lead.">
      <Form onSubmit={submit}>
        <TextField
          label="Project name"
          placeholder="e.g. Night Drive — single mix"
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fields.name}
        />
        {errors.form && <Notice tone="error">{errors.form}</Notice>}
        <Button type="submit" variant="primary" busy={create.isPending}>
          Create project
        </Button>
      </Form>
    </Panel>
  );
}
