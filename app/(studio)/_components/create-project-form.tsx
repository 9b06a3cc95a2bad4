'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { createProjectRequest } from '../../../lib/api/dto';
import { Button } from '../../_components/button';
import { Form } from '../../_components/form';
import { Notice } from '../../_components/notice';
import { Panel } from '../../_components/panel';
import { TextField } from '../../_components/text-field';
import { NO_ERRORS, toFormErrors, validate, type FormErrors } from '../../_lib/form';
import { useCreateMasteringProject, useCreateProject } from '../../_lib/queries';

const FIELDS = ['name'] as const;

/**
 * A new project: for mixing stems, or (mastering only) made from one stereo mix, which becomes
 * its only track; that project opens in the master view.
 */
export function CreateProjectForm() {
  const router = useRouter();
  const create = useCreateProject();
  const createMastering = useCreateMasteringProject();
  const [name, setName] = useState('');
  const [mix, setMix] = useState<File | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [errors, setErrors] = useState<FormErrors<'name'>>(NO_ERRORS);
  const mixId = useId();

  function submit() {
    const checked = validate(createProjectRequest, { name }, FIELDS);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors(NO_ERRORS);
    const opened = { onSuccess: (project: { id: string }) => router.push(`/projects/${project.id}`) };
    if (!mix) {
      create.mutate(checked.data.name, { ...opened, onError: (err) => setErrors(toFormErrors(err, FIELDS)) });
      return;
    }
    // One request: the project exists with its mix, or (a bad file, a failed upload) not at all.
    setUploading(0);
    createMastering.mutate(
      { name: checked.data.name, mix, onProgress: setUploading },
      {
        ...opened,
        onError: (err) => {
          const failed = toFormErrors(err, FIELDS);
          setErrors(failed.form ? { ...failed, form: `No project was created. ${failed.form}` } : failed);
        },
        onSettled: () => setUploading(null),
      },
    );
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
        <div className="field">
          <label className="field__label" htmlFor={mixId}>
            Mastering only: start from one stereo mix (optional)
          </label>
          <input id={mixId} type="file" accept="audio/*,.wav,.aif,.aiff,.flac,.mp3" onChange={(e) => setMix(e.target.files?.[0] ?? null)} />
          <span className="field__hint">The mix becomes the project’s only source, and the project opens in the master view.</span>
        </div>
        {uploading !== null && (
          <div className="create-project__upload">
            <progress className="export__bar" aria-label="Mix upload progress" max={100} value={Math.round(uploading * 100)} />
            <span>{uploading < 1 ? `Uploading the mix… ${Math.round(uploading * 100)}%` : 'Decoding and measuring the mix…'}</span>
          </div>
        )}
        {errors.form && <Notice tone="error">{errors.form}</Notice>}
        <Button type="submit" variant="primary" busy={create.isPending || createMastering.isPending}>
          {mix ? 'Create mastering project' : 'Create project'}
        </Button>
      </Form>
    </Panel>
  );
}
