'use client';

import { useId, type ReactNode } from 'react';

export interface PanelProps {
  /** The heading; the panel is a region named by it. */
  title: ReactNode;
  description?: ReactNode;
  /** Controls at the right of the heading. */
  actions?: ReactNode;
  /** No padding around the body (for tables). */
  flush?: boolean;
  tone?: 'default' | 'danger';
  className?: string;
  children?: ReactNode;
}

export function Panel({ title, description, actions, flush, tone = 'default', className, children }: PanelProps) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={['panel', tone === 'danger' && 'panel--danger', className].filter(Boolean).join(' ')}
    >
      <header className="panel__head">
        <div className="panel__titles">
          <h2 className="panel__title" id={id}>
            {title}
          </h2>
          {description && <p className="panel__desc">{description}</p>}
        </div>
        {actions}
      </header>
      <div className={['panel__body', flush && 'panel__body--flush'].filter(Boolean).join(' ')}>{children}</div>
    </section>
  );
}
