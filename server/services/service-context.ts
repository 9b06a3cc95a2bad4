import type { Db } from '../../db/create-db';

/** What every use case receives: injected, never imported. */
export interface ServiceContext {
  db: Db;
  /** The app's origin, for links (invites). */
  publicUrl: string;
  now: () => Date;
}
