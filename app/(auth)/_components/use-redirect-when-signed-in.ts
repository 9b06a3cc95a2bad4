'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { useSession } from '../../_lib/session';

/** Someone already signed in has nothing to do on these pages: send them on to `next`. */
export function useRedirectWhenSignedIn(next: string) {
  const session = useSession();
  const router = useRouter();
  const signedIn = Boolean(session.data);
  useEffect(() => {
    if (signedIn) router.replace(next);
  }, [signedIn, next, router]);
  return signedIn;
}
