import type { ReactNode } from 'react';

export type NoticeTone = 'error' | 'warning' | 'success' | 'info';

export interface NoticeProps {
  /** @default 'info' */
  tone?: NoticeTone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
}

/** Errors are announced at once (role alert); the other tones politely (role status). */
export function Notice({ tone = 'info', title, children, action }: NoticeProps) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="notice__body">
        {title && <div className="notice__title">{title}</div>}
        {children && <div>{children}</div>}
      </div>
      {action}
    </div>
  );
}
