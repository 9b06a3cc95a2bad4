import { displayText } from '../../../../../lib/names';
import type { BlameEntry } from '../../../../../server/activity/activity';
import { api } from '../../../../_lib/api';
import { StoreBase, type Store } from '../common/store';
import { relativeTime } from './relative-time';
import { type JsonRequest, revisionPaths } from './revisions-client';

export interface BlameState {
  /** Who changed each document path last (`tracks/<id>/strip/gainDb`), from the server's audit trail. */
  entries: ReadonlyMap<string, BlameEntry>;
  loaded: boolean;
  /** Why the last refresh failed; the previous entries stay. */
  error: string | null;
  /**
   * How many times blame was read: each read follows a settled change of the live document, so a
   * view of the server's live state (a diff against live) reads again when this moves.
   */
  version: number;
}

export interface BlameTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BlameModelOptions {
  projectId: string;
  /** The live mix (the mixer model): a refresh follows each change of `mix`, from anyone. */
  mix: Store<{ mix: unknown }>;
  /** @default api */
  request?: JsonRequest;
  /**
   * Quiet time after the last change of the mix before blame is read again: a fader drag is one
   * read, and the server has committed the edit (and its audit row) by then.
   * @default 1000
   */
  settleMs?: number;
  /** @default the global setTimeout and clearTimeout */
  timers?: BlameTimers;
}

export const BLAME_DEFAULTS = { settleMs: 1000 } as const;

const NO_ENTRIES: ReadonlyMap<string, BlameEntry> = new Map();

/**
 * Per-parameter blame for the studio ("Mia Mixer · 2 min ago" over a control): read once, and
 * again when the mix has been quiet for `settleMs` after a change. One request at a time; a
 * change during one asks for another after it.
 */
export class BlameModel extends StoreBase<BlameState> {
  private readonly request: JsonRequest;
  private readonly timers: BlameTimers;
  private readonly settleMs: number;
  private readonly unsubscribe: () => void;
  private lastMix: unknown;
  private timer: unknown = null;
  private inFlight: AbortController | null = null;
  private again = false;

  constructor(private readonly options: BlameModelOptions) {
    super({ entries: NO_ENTRIES, loaded: false, error: null, version: 0 });
    this.request = options.request ?? api;
    this.timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    this.settleMs = options.settleMs ?? BLAME_DEFAULTS.settleMs;
    this.lastMix = options.mix.snapshot.mix;
    this.unsubscribe = options.mix.subscribe(() => {
      const mix = options.mix.snapshot.mix;
      if (mix === this.lastMix) return;
      this.lastMix = mix;
      this.schedule();
    });
    void this.refresh();
  }

  /** Who changed `path` last and when, in words; a parameter never changed on its own answers for its track (who added it). */
  describe(path: string, nowMs: number = Date.now()): string | null {
    const entry = this.lookup(path);
    if (!entry) return null;
    return `${entry.user ? displayText(entry.user.name) : 'The server'} · ${relativeTime(entry.at, nowMs)}`;
  }

  /** The entry of `path`, or of the closest enclosing path that has one. */
  lookup(path: string): BlameEntry | null {
    const { entries } = this.snapshot;
    for (let at = path; at; at = at.slice(0, Math.max(0, at.lastIndexOf('/')))) {
      const entry = entries.get(at);
      if (entry) return entry;
    }
    return null;
  }

  /** Reads blame now (the timer's own call, and a manual refresh). */
  async refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const abort = new AbortController();
    this.inFlight = abort;
    try {
      const { blame } = await this.request<{ blame: Record<string, BlameEntry> }>(revisionPaths.blame(this.options.projectId), { signal: abort.signal });
      if (abort.signal.aborted) return;
      this.setSnapshot({ entries: new Map(Object.entries(blame)), loaded: true, error: null, version: this.snapshot.version + 1 });
    } catch (err) {
      if (abort.signal.aborted) return;
      this.setSnapshot({ ...this.snapshot, error: err instanceof Error ? err.message : String(err) });
    } finally {
      if (this.inFlight === abort) this.inFlight = null;
    }
    if (this.again && !abort.signal.aborted) {
      this.again = false;
      void this.refresh();
    }
  }

  destroy(): void {
    this.unsubscribe();
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.inFlight?.abort();
    this.closeStore();
  }

  private schedule(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, this.settleMs);
  }
}
