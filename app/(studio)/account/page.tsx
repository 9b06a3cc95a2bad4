'use client';

import { useSession } from '../../_lib/session';
import { ChangePasswordForm } from './_components/change-password-form';
import { TokensPanel } from './_components/tokens-panel';

export default function AccountPage() {
  const session = useSession();
  const user = session.data;
  return (
    <main className="page">
      <title>Account · Mixroom</title>
      <div className="page-head">
        <div className="page-head__titles">
          <span className="eyebrow">Account</span>
          <h1>{user?.name || 'Your account'}</h1>
          {user && <span className="muted mono">{user.email}</span>}
        </div>
      </div>
      <div className="grid-2">
        <TokensPanel />
        <div className="stack">
          <ChangePasswordForm />
        </div>
      </div>
    </main>
  );
}
