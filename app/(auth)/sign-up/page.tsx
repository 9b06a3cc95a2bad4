'use client';

import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { Loading } from '../../_components/loading';
import { SignUpForm } from '../_components/sign-up-form';

function SignUp() {
  return <SignUpForm next={useSearchParams().get('next')} />;
}

export default function SignUpPage() {
  return (
    <>
      <title>Create account · Mixroom</title>
      <Suspense fallback={<Loading center />}>
        <SignUp />
      </Suspense>
    </>
  );
}
