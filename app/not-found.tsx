import Link from 'next/link';
import { Logo } from './_components/logo';

export default function NotFound() {
  return (
    <main className="auth">
      <div className="auth__card">
        <div className="auth__brand">
          <Logo />
        </div>
        <section className="panel auth__panel" aria-labelledby="nf-heading">
          <div className="panel__body">
            <h1 className="auth__heading" id="nf-heading">
              Page not found
            </h1>
            <p className="muted">There is nothing at this address.</p>
            <div>
              <Link href="/" className="btn btn--secondary">
                Go to your projects
              </Link>
            </div>
          </div>
        </section>
      </div>
    </main>
  );
}
