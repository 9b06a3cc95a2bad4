import { ClientRoom } from '../../../../../lib/sync/client-room';

/** The sync endpoint on this page's own host: the browser sends the session cookie and Origin. */
function syncUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/sync`;
}

/**
 * The live room of one project in this browser: a local copy per user and project in IndexedDB
 * (edits made offline survive a reload and are sent on reconnect), following the browser's
 * network state.
 */
export function createBrowserRoom(projectId: string, userId: string): ClientRoom {
  return new ClientRoom({ serverUrl: syncUrl(), projectId, persistence: 'indexeddb', userId, network: window });
}
