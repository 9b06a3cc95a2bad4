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
import { useCreateProject } from '../../_lib/queries';

const FIELDS = ['name'] as const;

/** Uploads the stereo mix of a mastering-only project as its one track (the stems route); resolves with an error message or null. */
function uploadMix(projectId: string, file: File, onProgress: (fraction: number) => void): Promise<string | null> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/projects/${projectId}/stems`);
    xhr.setRequestHeader('x-filename', encodeURIComponent(file.name));
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status === 201) return resolve(null);
      try {
        resolve((JSON.parse(xhr.responseText) as { error: { message: string } }).error.message);
      } catch {
        resolve(`the server answered ${xhr.status}`);
      }
    };
    xhr.onerror = () => resolve('the upload failed: no answer from the server');
    xhr.send(file);
  });
}

/**
 * A new project: for mixing stems, or (mastering only) made from one stereo mix, which becomes
 * its only track; that project opens in the master view.
 */
export function CreateProjectForm() {
  const router = useRouter();
  const create = useCreateProject();
  const [name, setName] = useState('');
  const [mix, setMix] = useState<File | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [errors, setErrors] = useState<FormErrors<'name'>>(NO_ERRORS);
  const mixId = useId();

  function submit() {
    const checked = validate(createProjectRequest, { name }, FIELDS);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors(NO_ERRORS);
    create.mutate(
      { name: checked.data.name, kind: mix ? 'mastering' : 'mix' },
      {
        onSuccess: async (project) => {
          if (mix) {
            setUploading(0);
            const failed = await uploadMix(project.id, mix, setUploading);
            setUploading(null);
            if (failed) return setErrors({ fields: {}, form: `The project was created, but its mix could not be uploaded: ${failed}` });
          }
          router.push(`/projects/${project.id}`);
        },
        onError: (err) => setErrors(toFormErrors(err, FIELDS)),
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
        {uploading !== null && <progress className="export__bar" aria-label="Mix upload progress" max={100} value={Math.round(uploading * 100)} />}
        {errors.form && <Notice tone="error">{errors.form}</Notice>}
        <Button type="submit" variant="primary" busy={create.isPending || uploading !== null}>
          {mix ? 'Create mastering project' : 'Create project'}
        </Button>
      </Form>
    </Panel>
  );
}
