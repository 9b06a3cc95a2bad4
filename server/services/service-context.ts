import type { Role } from '../../lib/roles';
import type { Db } from '../../db/create-db';

/** What every use case receives: injected, never imported. */
export interface ServiceContext {
  db: Db;
  /** The app's origin, for links (invites). */
  publicUrl: string;
  now: () => Date;
  /** Told about membership changes so live connections follow them (the sync server). */
  events?: ServiceEvents;
}

export interface ServiceEvents {
  /** A project was created: its document gets the structure every project starts with. */
  projectCreated(projectId: string, leadUserId: string): Promise<void>;
  /** A member's role changed (`role`) or they left the project (`undefined`). */
  memberChanged(projectId: string, userId: string, role: Role | undefined): void;
  /** `stemShas`: the canonical audio the project's stems used (their rows are gone with it). */
  projectDeleted(projectId: string, stemShas: string[]): void;
  /** An API token was revoked or a session ended (`token:<id>`, `session:<id>`): its sockets close. */
  credentialEnded(credentialId: string): void;
}
