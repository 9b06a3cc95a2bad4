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
import { safeNextPath, withNext } from '../../_lib/next-path';
import { useRedirectWhenSignedIn } from './use-redirect-when-signed-in';

const FIELDS = ['email', 'password'] as const;
type Field = (typeof FIELDS)[number];

const signInSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email').pipe(z.email('Enter a valid email address')),
  password: z.string().min(1, 'Enter your password'),
});

export function SignInForm({ next }: { next: string | null }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const target = safeNextPath(next);
  const alreadySignedIn = useRedirectWhenSignedIn(target);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);

  const signIn = useMutation({
    mutationFn: (body: z.infer<typeof signInSchema>) =>
      callAuth((fetchOptions) => getAuthClient().signIn.email({ ...body, fetchOptions })),
    // Nothing cached for whoever used this browser before may survive into the new session.
    onSuccess: async () => {
      await queryClient.resetQueries();
      router.replace(target);
    },
    onError: (err) => setErrors(toFormErrors(err, FIELDS)),
  });

  function submit() {
    const checked = validate(signInSchema, { email, password }, FIELDS);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors(NO_ERRORS);
    signIn.mutate(checked.data);
  }

  return (
    <>
      <AuthPanel headingId="sign-in-heading" title="Sign in">
        {next && safeNextPath(next) !== '/' && (
          <Notice tone="info">Sign in to continue where you were going.</Notice>
        )}
        <Form onSubmit={submit}>
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="email"
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errors.fields.email}
          />
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.fields.password}
          />
          {errors.form && <Notice tone="error">{errors.form}</Notice>}
          <Button type="submit" variant="primary" block busy={signIn.isPending || signIn.isSuccess || alreadySignedIn}>
            Sign in
          </Button>
        </Form>
      </AuthPanel>
      <p className="auth__switch">
        New to Mixroom? <Link href={withNext('/sign-up', next)}>Create an account</Link>
      </p>
    </>
  );
}
