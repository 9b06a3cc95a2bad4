'use client';

import { type KeyboardEvent, useId, useRef } from 'react';
import { ActivityFeed } from './activity-feed';
import { RevisionsPanel } from './revisions-panel';

export const DRAWER_TABS = { revisions: 'revisions', activity: 'activity' } as const;
export type DrawerTab = (typeof DRAWER_TABS)[keyof typeof DRAWER_TABS];

const TAB_TEXT: Record<DrawerTab, string> = { revisions: 'Revisions', activity: 'Activity' };
const TAB_ORDER: readonly DrawerTab[] = ['revisions', 'activity'];

export interface RevisionsDrawerProps {
  id: string;
  tab: DrawerTab;
  onTab(tab: DrawerTab): void;
  onClose(): void;
}

/**
 * The studio's side panel for versions: the revisions (publish, play, compare, restore, delete)
 * and the activity feed, as two tabs. It takes a column beside the timeline and the console, so
 * the live mixer stays in view and usable while it is open; Escape closes it.
 */
export function RevisionsDrawer({ id, tab, onTab, onClose }: RevisionsDrawerProps) {
  const base = useId();
  const tabs = useRef<Record<DrawerTab, HTMLButtonElement | null>>({ revisions: null, activity: null });
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = TAB_ORDER[(TAB_ORDER.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : TAB_ORDER.length - 1)) % TAB_ORDER.length];
    onTab(next);
    tabs.current[next]?.focus();
  };

  return (
    <aside
      id={id}
      className="revisions-drawer"
      aria-label="Revisions and activity"
      onKeyDown={(e) => {
        // Escape in the publish dialog or an open confirmation closes that one only.
        if (e.key === 'Escape' && !e.defaultPrevented && !(e.target as Element).closest('dialog, .confirm')) onClose();
      }}
    >
      <div className="revisions-drawer__head">
        <div className="revisions-drawer__tabs" role="tablist" aria-label="Revisions and activity" onKeyDown={onKeyDown}>
          {TAB_ORDER.map((t) => (
            <button
              key={t}
              ref={(el) => {
                tabs.current[t] = el;
              }}
              type="button"
              role="tab"
              id={`${base}-${t}-tab`}
              aria-selected={tab === t}
              aria-controls={`${base}-${t}`}
              tabIndex={tab === t ? 0 : -1}
              className="revisions-drawer__tab"
              onClick={() => onTab(t)}
            >
              {TAB_TEXT[t]}
            </button>
          ))}
        </div>
        <button type="button" className="strip__icon-btn revisions-drawer__close" aria-label="Close revisions" title="Close (Escape)" onClick={onClose}>
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </button>
      </div>
      <div className="revisions-drawer__body" role="tabpanel" id={`${base}-${tab}`} aria-labelledby={`${base}-${tab}-tab`}>
        {tab === 'revisions' ? <RevisionsPanel /> : <ActivityFeed />}
      </div>
    </aside>
  );
}
