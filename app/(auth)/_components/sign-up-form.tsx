'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { z } from 'zod';
import { Button } from '../../_components/button';
import { Form } from '../../_components/form';
import { Notice } from '../../_components/notice';
import { AuthPanel } from '../../_components/auth-card';
import { TextField } from '../../_components/text-field';
import { callAuth, getAuthClient } from '../../_lib/auth-client';
import { NO_ERRORS, toFormErrors, validate, type FormErrors } from '../../_lib/form';
import { MIN_PASSWORD_LENGTH } from '../../../lib/api/dto';
import { safeNextPath, withNext } from '../../_lib/next-path';
import { useRedirectWhenSignedIn } from './use-redirect-when-signed-in';

const FIELDS = ['name', 'email', 'password'] as const;
type Field = (typeof FIELDS)[number];

/** The server's rule (better-auth `minPasswordLength`). */

const signUpSchema = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(100, 'At most 100 characters'),
  email: z.string().trim().min(1, 'Enter your email').pipe(z.email('Enter a valid email address')),
  password: z.string().min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`).max(256),
});

export function SignUpForm({ next }: { next: string | null }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const target = safeNextPath(next);
  const alreadySignedIn = useRedirectWhenSignedIn(target);
  const [values, setValues] = useState({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);

  const signUp = useMutation({
    mutationFn: (body: z.infer<typeof signUpSchema>) =>
      callAuth((fetchOptions) => getAuthClient().signUp.email({ ...body, fetchOptions })),
    // Nothing cached for whoever used this browser before may survive into the new session.
    onSuccess: async () => {
      await queryClient.resetQueries();
      router.replace(target);
    },
    onError: (err) => setErrors(toFormErrors(err, FIELDS)),
  });

  function submit() {
    const checked = validate(signUpSchema, values, FIELDS);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors(NO_ERRORS);
    signUp.mutate(checked.data);
  }

  const set = (field: Field) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  return (
    <>
      <AuthPanel headingId="sign-up-heading" title="Create your account">
        <Form onSubmit={submit}>
          <TextField
            label="Name"
            name="name"
            autoComplete="name"
            autoFocus
            value={values.name}
            onChange={set('name')}
            error={errors.fields.name}
          />
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="email"
            value={values.email}
            onChange={set('email')}
            error={errors.fields.email}
          />
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="new-password"
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            value={values.password}
            onChange={set('password')}
            error={errors.fields.password}
          />
          {errors.form && <Notice tone="error">{errors.form}</Notice>}
          <Button type="submit" variant="primary" block busy={signUp.isPending || signUp.isSuccess || alreadySignedIn}>
            Create account
          </Button>
        </Form>
      </AuthPanel>
      <p className="auth__switch">
        Already have an account? <Link href={withNext('/sign-in', next)}>Sign in</Link>
      </p>
    </>
  );
}
