import type { ReactNode } from 'react';
import { Logo } from './logo';

/** The centred card of the signed-out pages (sign in, sign up, an invitation, not found): the logo, then the content. */
export function AuthCard({ brand, children }: { brand?: ReactNode; children: ReactNode }) {
  return (
    <main className="auth">
      <div className="auth__card">
        <div className="auth__brand">
          <Logo />
          {brand}
        </div>
        {children}
      </div>
    </main>
  );
}

/** One panel of an auth card, headed by `title` (the page's h1, named by `headingId`). */
export function AuthPanel({ headingId, title, children }: { headingId: string; title: ReactNode; children: ReactNode }) {
  return (
    <section className="panel auth__panel" aria-labelledby={headingId}>
      <div className="panel__body">
        <h1 className="auth__heading" id={headingId}>
          {title}
        </h1>
        {children}
      </div>
    </section>
  );
}
