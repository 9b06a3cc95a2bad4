'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { Button } from '../../../_components/button';
import { Form } from '../../../_components/form';
import { Notice } from '../../../_components/notice';
import { Panel } from '../../../_components/panel';
import { TextField } from '../../../_components/text-field';
import { callAuth, getAuthClient } from '../../../_lib/auth-client';
import { NO_ERRORS, toFormErrors, validate, type FormErrors } from '../../../_lib/form';
import { MIN_PASSWORD_LENGTH } from '../../../../lib/api/dto';

const FIELDS = ['currentPassword', 'newPassword'] as const;
type Field = (typeof FIELDS)[number];

/** The server's rule (better-auth `minPasswordLength`). */

const schema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password'),
    newPassword: z.string().min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`).max(256),
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from the current one',
  });

export function ChangePasswordForm() {
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' });
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const [done, setDone] = useState(false);

  const change = useMutation({
    mutationFn: (body: z.infer<typeof schema>) =>
      callAuth((fetchOptions) => getAuthClient().changePassword({ ...body, revokeOtherSessions: true, fetchOptions })),
    onSuccess: () => {
      setDone(true);
      setValues({ currentPassword: '', newPassword: '' });
    },
    // better-auth reports a short new password as `password`; this form calls it `newPassword`.
    onError: (err) => {
      const errors = toFormErrors(err, [...FIELDS, 'password'] as const);
      const { password, ...fields } = errors.fields;
      setErrors({ form: errors.form, fields: password ? { ...fields, newPassword: password } : fields });
    },
  });

  function submit() {
    setDone(false);
    const checked = validate(schema, values, FIELDS);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors(NO_ERRORS);
    change.mutate(checked.data);
  }

  const set = (field: Field) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setDone(false);
    setValues((v) => ({ ...v, [field]: e.target.value }));
  };

  return (
    <Panel title="Password" description="Changing it signs out your other sessions.">
      <Form onSubmit={submit}>
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={set('currentPassword')}
          error={errors.fields.currentPassword}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          value={values.newPassword}
          onChange={set('newPassword')}
          error={errors.fields.newPassword}
        />
        {errors.form && <Notice tone="error">{errors.form}</Notice>}
        {done && <Notice tone="success">Password changed.</Notice>}
        <div className="actions">
          <Button type="submit" variant="primary" busy={change.isPending}>
            Change password
          </Button>
        </div>
      </Form>
    </Panel>
  );
}
