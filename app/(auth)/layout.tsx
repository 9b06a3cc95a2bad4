import type { ReactNode } from 'react';
import { Logo } from '../_components/logo';

const METER = ['on', 'on', 'on', 'on', 'on', 'on', 'on', 'hot', 'hot', '', '', 'clip'];

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="auth">
      <div className="auth__card">
        <div className="auth__brand">
          <Logo />
          <div className="meter" aria-hidden="true">
            {METER.map((c, i) => (
              <span key={i} className={c} />
            ))}
          </div>
          <p className="auth__tagline">Mix and master together, live, from anywhere.</p>
        </div>
        {children}
      </div>
    </main>
  );
}
