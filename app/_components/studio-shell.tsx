'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { withNext } from '../_lib/next-path';
import { useSession } from '../_lib/session';
import { Loading } from './loading';
import { SessionError } from './session-error';
import { TopBar } from './top-bar';

/** The frame of every signed-in page: the top bar, and a redirect to sign in when signed out. */
export function StudioShell({ children }: { children: ReactNode }) {
  const session = useSession();
  const router = useRouter();
  const pathname = usePathname();
  const signedOut = session.isSuccess && session.data === null;

  useEffect(() => {
    if (signedOut) router.replace(withNext('/sign-in', pathname));
  }, [signedOut, router, pathname]);

  if (session.isError) return <SessionError message={session.error.message} />;
  if (!session.data) return <Loading center label={signedOut ? 'Redirecting to sign in…' : 'Loading…'} />;
  return (
    <div className="shell">
      <TopBar user={session.data} />
      {children}
    </div>
  );
}
