import Link from 'next/link';
import { AuthCard, AuthPanel } from './_components/auth-card';

export default function NotFound() {
  return (
    <AuthCard>
      <AuthPanel headingId="nf-heading" title="Page not found">
        <p className="muted">There is nothing at this address.</p>
        <div>
          <Link href="/" className="btn btn--secondary">
            Go to your projects
          </Link>
        </div>
      </AuthPanel>
    </AuthCard>
  );
}
