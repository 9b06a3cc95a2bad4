import type { FrameScheduler, MediaElementLike } from './render-player';

/**
 * What the players' tests share (`RenderPlayer`, the review's `AbPlayer`): an audio element that
 * plays when the test says, its events fired by hand, and animation frames run by hand.
 * Test-only: nothing in the page imports it.
 */
export class FakeAudio implements MediaElementLike {
  src = '';
  preload = '';
  currentTime = 0;
  duration = Number.NaN;
  paused = true;
  error: { code: number } | null = null;
  /** What `play()` answers (a rejected promise: autoplay refused). */
  playResult: Promise<void> = Promise.resolve();
  loads = 0;
  readonly attributesRemoved: string[] = [];
  private readonly handlers = new Map<string, Set<() => void>>();
  play(): Promise<void> {
    this.paused = false;
    return this.playResult;
  }
  pause(): void {
    this.paused = true;
  }
  removeAttribute(name: string): void {
    this.attributesRemoved.push(name);
    if (name === 'src') this.src = '';
  }
  load(): void {
    this.loads++;
  }
  addEventListener(type: string, listener: () => void): void {
    if (!this.handlers.has(type)) this.handlers.set(type, new Set());
    this.handlers.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: () => void): void {
    this.handlers.get(type)?.delete(listener);
  }
  fire(type: string): void {
    for (const listener of [...(this.handlers.get(type) ?? [])]) listener();
  }
  get listenerCount(): number {
    return [...this.handlers.values()].reduce((n, s) => n + s.size, 0);
  }
}

/** Animation frames that run when the test calls `run()`. */
export class ManualFrames implements FrameScheduler {
  private next = 1;
  readonly pending = new Map<number, () => void>();
  request = (cb: () => void) => {
    const id = this.next++;
    this.pending.set(id, cb);
    return id;
  };
  cancel = (id: number) => void this.pending.delete(id);
  run(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    due.forEach((cb) => cb());
  }
}
