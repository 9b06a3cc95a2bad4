import type { ReactNode } from 'react';
import { AuthCard } from '../_components/auth-card';

const METER = ['on', 'on', 'on', 'on', 'on', 'on', 'on', 'hot', 'hot', '', '', 'clip'];

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <AuthCard
      brand={
        <>
          <div className="meter" aria-hidden="true">
            {METER.map((c, i) => (
              <span key={i} className={c} />
            ))}
          </div>
          <p className="auth__tagline">Mix and master together, live, from anywhere.</p>
        </>
      }
    >
      {children}
    </AuthCard>
  );
}
