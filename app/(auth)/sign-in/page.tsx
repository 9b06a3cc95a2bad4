'use client';

import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { Loading } from '../../_components/loading';
import { SignInForm } from '../_components/sign-in-form';

function SignIn() {
  return <SignInForm next={useSearchParams().get('next')} />;
}

export default function SignInPage() {
  return (
    <>
      <title>Sign in · Mixroom</title>
      <Suspense fallback={<Loading center />}>
        <SignIn />
      </Suspense>
    </>
  );
}
