import { StoreBase } from '../common/store';
import type { Transport } from '../transport/transport-types';
import { type FollowCommand, followCommands } from './follow';
import type { PresenceModel } from './presence-model';

export interface FollowState {
  /** Whose transport this one follows; null when following nobody. */
  userId: string | null;
  name: string;
  /** Why following stopped by itself ("Lea Lead left"), until the next follow. */
  ended: string | null;
}

export interface FollowModelOptions {
  /** @default Date.now */
  now?: () => number;
}

/**
 * Listening together: this user's transport follows another member's (play, pause, seek, loop),
 * each person on their own audio, from what their presence shares (`PresenceModel`). Stops when
 * asked (Escape or F in the studio) or when the person leaves.
 */
export class FollowModel extends StoreBase<FollowState> {
  private readonly unsubscribe: () => void;
  private starting = false;
  private readonly now: () => number;

  constructor(
    private readonly presence: PresenceModel,
    private readonly transport: Transport,
    options: FollowModelOptions = {},
  ) {
    super({ userId: null, name: '', ended: null });
    this.now = options.now ?? Date.now;
    this.unsubscribe = presence.subscribe(() => this.step());
  }

  follow(userId: string): void {
    const person = this.presence.snapshot.find((p) => p.user.id === userId);
    if (!person) return;
    this.setSnapshot({ userId, name: person.user.name, ended: null });
    this.step();
  }

  stop(): void {
    if (this.snapshot.userId !== null) this.setSnapshot({ ...this.snapshot, userId: null });
  }

  destroy(): void {
    this.unsubscribe();
    this.closeStore();
  }

  private step(): void {
    const { userId } = this.snapshot;
    if (userId === null) return;
    const person = this.presence.snapshot.find((p) => p.user.id === userId);
    if (!person || person.playhead === null || person.transport === null) {
      this.setSnapshot({ ...this.snapshot, userId: null, ended: person ? `${this.snapshot.name} has no transport now` : `${this.snapshot.name} left` });
      return;
    }
    if (!this.transport.snapshot.ready || this.starting) return;
    const { playing, loop, looping } = this.transport.snapshot;
    const commands = followCommands({ playhead: person.playhead, playheadAt: person.playheadAt, transport: person.transport }, { positionSec: this.transport.positionSec(), playing, loop, looping }, this.now());
    commands.forEach((c) => this.apply(c));
  }

  private apply(command: FollowCommand): void {
    switch (command.kind) {
      case 'seek':
        return this.transport.seek(command.sec);
      case 'play':
        this.starting = true;
        void this.transport.play().finally(() => (this.starting = false));
        return;
      case 'pause':
        return this.transport.pause();
      case 'setLoop':
        return this.transport.setLoop(command.range);
      case 'setLooping':
        return this.transport.setLooping(command.on);
    }
  }
}
