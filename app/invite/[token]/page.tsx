'use client';

import Link from 'next/link';
import { useParams, useRouter } from 'next/navigation';
import { Button } from '../../_components/button';
import { Loading } from '../../_components/loading';
import { AuthCard, AuthPanel } from '../../_components/auth-card';
import { Notice } from '../../_components/notice';
import { RoleBadge } from '../../_components/role-badge';
import { SessionError } from '../../_components/session-error';
import { TopBar } from '../../_components/top-bar';
import { errorMessage } from '../../_lib/form';
import { formatDateTime, ROLE_HINTS } from '../../_lib/format';
import { withNext } from '../../_lib/next-path';
import { useAcceptInvite, useInvitePreview } from '../../_lib/queries';
import { useSession, type SessionUser } from '../../_lib/session';

function SignedOutInvite({ here }: { here: string }) {
  return (
    <AuthCard>
      <AuthPanel headingId="invite-heading" title="You have been invited to a project">
        <p className="muted">Sign in or create an account to see the invitation and join. You will come back here.</p>
        <div className="actions">
          <Link className="btn btn--primary" href={withNext('/sign-in', here)}>
            Sign in
          </Link>
          <Link className="btn btn--secondary" href={withNext('/sign-up', here)}>
            Create account
          </Link>
        </div>
      </AuthPanel>
    </AuthCard>
  );
}

function SignedInInvite({ token, user }: { token: string; user: SessionUser }) {
  const router = useRouter();
  const preview = useInvitePreview(token, true);
  const accept = useAcceptInvite(token);

  let body;
  if (preview.isPending) {
    body = <Loading label="Loading invitation…" />;
  } else if (preview.isError) {
    body = (
      <div className="panel__body">
        <h1 className="auth__heading">Invitation not available</h1>
        <Notice tone="error">{errorMessage(preview.error)}</Notice>
        <div>
          <Link href="/">Go to your projects</Link>
        </div>
      </div>
    );
  } else {
    const invite = preview.data;
    body = (
      <div className="panel__body">
        <span className="eyebrow">Invitation</span>
        <h1 className="invite-card__project">{invite.projectName}</h1>
        <dl className="kv">
          <dt>Role</dt>
          <dd>
            <RoleBadge role={invite.role} /> <span className="muted">— {ROLE_HINTS[invite.role]}</span>
          </dd>
          <dt>Joining as</dt>
          <dd>{user.name || user.email}</dd>
          <dt>Expires</dt>
          <dd className="mono">{formatDateTime(invite.expiresAt)}</dd>
        </dl>
        {accept.isError && <Notice tone="error">{errorMessage(accept.error)}</Notice>}
        <div className="actions">
          <Button
            variant="primary"
            busy={accept.isPending || accept.isSuccess}
            onClick={() => accept.mutate(undefined, { onSuccess: (project) => router.push(`/projects/${project.id}`) })}
          >
            Accept invite
          </Button>
          <Link href="/" className="btn btn--ghost">
            Not now
          </Link>
        </div>
      </div>
    );
  }

  return (
    <div className="shell">
      <TopBar user={user} />
      <main className="page-full">
        <title>Invitation · Mixroom</title>
        <section className="panel invite-card" aria-label="Invitation">
          {body}
        </section>
      </main>
    </div>
  );
}

export default function InvitePage() {
  const { token } = useParams<{ token: string }>();
  const session = useSession();
  const here = `/invite/${encodeURIComponent(token)}`;

  if (session.isPending) return <Loading center />;
  if (session.isError) {
    return <SessionError message={session.error.message} />;
  }
  if (!session.data) return <SignedOutInvite here={here} />;
  return <SignedInInvite token={token} user={session.data} />;
}
