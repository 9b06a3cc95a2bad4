import type { ClientRoomSnapshot } from '../../../../../lib/sync/client-room';
import { useStore } from '../common/use-store';
import { useStudio } from '../studio-context';

type StatusKind = 'saving' | 'saved' | 'held' | 'offline' | 'connecting' | 'closed';

const TEXT: Record<StatusKind, string> = {
  saving: 'Saving…',
  saved: 'Saved',
  held: 'Not saved yet',
  offline: 'Offline',
  connecting: 'Connecting…',
  closed: 'Disconnected',
};

const HINT: Record<StatusKind, string> = {
  saving: 'Your changes are on their way to the server',
  saved: 'Every change you made is stored on the server',
  held: 'The server cannot save changes right now. Yours are kept in this browser and sent again automatically until it can',
  offline: 'Not connected: reconnecting. Changes made now are sent when the connection is back',
  connecting: 'Connecting to the live session',
  closed: 'The server ended the live session',
};

function kindOf(status: ClientRoomSnapshot): StatusKind {
  if (status.connection === 'closed') return 'closed';
  if (status.held !== null) return 'held';
  if (status.connection === 'offline') return 'offline';
  if (status.connection === 'connecting' || !status.synced) return 'connecting';
  return status.save === 'saving' ? 'saving' : 'saved';
}

/** Saving / Saved / Offline / Connecting… in the mixer toolbar (a live region); renders alone on each change. */
export function SyncStatus() {
  const kind = useStore(useStudio().room, kindOf);
  return (
    <span className={`mixer-status mixer-status--${kind}`} role="status" title={HINT[kind]} data-state={kind}>
      {TEXT[kind]}
    </span>
  );
}
