'use client';

import { useState } from 'react';
import { addMemberRequest } from '../../../../../../lib/api/dto';
import type { Role } from '../../../../../../lib/roles';
import { Button } from '../../../../../_components/button';
import { Form } from '../../../../../_components/form';
import { Notice } from '../../../../../_components/notice';
import { Panel } from '../../../../../_components/panel';
import { SelectField } from '../../../../../_components/select-field';
import { TextField } from '../../../../../_components/text-field';
import { NO_ERRORS, toFormErrors, validate, type FormErrors } from '../../../../../_lib/form';
import { useAddMember } from '../../../../../_lib/queries';
import { ROLE_OPTIONS } from './members-panel';

const FIELDS = ['email', 'role'] as const;
type Field = (typeof FIELDS)[number];

export function AddMemberForm({ projectId }: { projectId: string }) {
  const add = useAddMember(projectId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('mixer');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const [added, setAdded] = useState<string>();

  function submit() {
    setAdded(undefined);
    const checked = validate(addMemberRequest, { email: email.trim(), role }, FIELDS);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors(NO_ERRORS);
    add.mutate(checked.data, {
      onSuccess: () => {
        setAdded(checked.data.email);
        setEmail('');
      },
      onError: (err) => setErrors(toFormErrors(err, FIELDS)),
    });
  }

  return (
    <Panel title="Add member" description="Someone who already has a Mixroom account.">
      <Form onSubmit={submit}>
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          placeholder="name@example.com"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.fields.email}
        />
        <SelectField label="Role" options={ROLE_OPTIONS} value={role} onChange={setRole} error={errors.fields.role} />
        {errors.form && <Notice tone="error">{errors.form}</Notice>}
        {added && <Notice tone="success">Added {added}.</Notice>}
        <div className="actions">
          <Button type="submit" variant="primary" busy={add.isPending}>
            Add member
          </Button>
        </div>
      </Form>
    </Panel>
  );
}
