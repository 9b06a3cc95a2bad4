import Link from 'next/link';
import type { ClientRoomSnapshot } from '../../../../../lib/sync/client-room';
import { Button } from '../../../../_components/button';

/** What the permanent close codes of server/sync/close-codes.ts mean to the user. */
const CLOSED_TEXT: Record<number, string> = {
  4400: 'The connection was closed after a message the server could not read. Reload the page to continue.',
  4401: 'Your session ended. Sign in again to continue.',
  4403: 'You are no longer a member of this project.',
  4404: 'This project was deleted.',
  4413: 'The connection was closed because a change was too large. Reload the page to continue.',
  4429: 'The connection was closed because of too many changes at once. Reload the page to continue.',
};

function sentence(reason: string): string {
  const text = reason.trim().replace(/\.$/, '');
  return text || 'no reason given';
}

export interface RefusedNoticeProps {
  reason: string;
  /** Track ids and user ids that may appear in the reason, with the names people know them by. */
  names: ReadonlyMap<string, string>;
  onDismiss(): void;
}

/**
 * The server's reason names paths and ids (`tracks/<id>/strip/gainDb`); track and user ids are
 * shown as names, the rest as the server wrote it.
 */
function readable(reason: string, names: ReadonlyMap<string, string>): string {
  let text = reason;
  for (const [id, name] of names) text = text.split(id).join(name);
  return text;
}

/** The notice after a refused edit: the room has already reloaded the document from the server. */
export function RefusedNotice({ reason, names, onDismiss }: RefusedNoticeProps) {
  return (
    <div className="notice notice--error mixer-refused">
      <div className="notice__body">
        <div className="notice__title">Change refused</div>
        <div>
          Your last change was refused by the server: {sentence(readable(reason, names))}. Your view was reloaded from the server.
        </div>
      </div>
      <Button size="sm" variant="ghost" onClick={onDismiss}>
        Dismiss
      </Button>
    </div>
  );
}

/** The server closed the live session for good (4400-4499): nothing more will sync on this page. */
export function ClosedNotice({ closedBy }: { closedBy: NonNullable<ClientRoomSnapshot['closedBy']> }) {
  const text = CLOSED_TEXT[closedBy.code] ?? `The server closed the live session: ${sentence(closedBy.reason)}.`;
  return (
    <div className="notice notice--error mixer-closed">
      <div className="notice__body">
        <div className="notice__title">Disconnected from the live session</div>
        <div>
          {text} The mixer shows the last state it received and accepts no changes.{' '}
          <Link href="/">Back to your projects</Link>
        </div>
      </div>
    </div>
  );
}
