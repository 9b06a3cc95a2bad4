'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { SessionUser } from '../_lib/session';
import { useSignOut } from '../_lib/session';
import { Button } from './button';
import { Logo } from './logo';

export function TopBar({ user }: { user: SessionUser }) {
  const pathname = usePathname();
  const { signOut, pending } = useSignOut();
  const displayName = user.name || user.email;
  return (
    <header className="topbar">
      <div className="topbar__inner">
        <Logo />
        <nav className="topbar__nav" aria-label="Main">
          <Link href="/" className="topbar__link" aria-current={pathname === '/' ? 'page' : undefined}>
            Projects
          </Link>
          <Link href="/account" className="topbar__link" aria-current={pathname === '/account' ? 'page' : undefined}>
            Account
          </Link>
        </nav>
        <div className="topbar__user">
          <span className="topbar__name" title={user.email}>
            <span className="avatar" aria-hidden="true">
              {displayName.trim().charAt(0).toUpperCase()}
            </span>
            {displayName}
          </span>
          <Button size="sm" variant="ghost" busy={pending} onClick={signOut}>
            Sign out
          </Button>
        </div>
      </div>
    </header>
  );
}
