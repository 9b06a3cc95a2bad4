import { describe, expect, it } from 'vitest';
import { StoreBase } from './store';

class Counter extends StoreBase<{ n: number }> {
  constructor() {
    super({ n: 0 });
  }
  increment(): void {
    this.setSnapshot({ n: this.snapshot.n + 1 });
  }
  same(): void {
    this.setSnapshot(this.snapshot);
  }
  poke(): void {
    this.emit();
  }
  destroy(): void {
    this.closeStore();
  }
}

describe('StoreBase', () => {
  it('replaces the snapshot and tells each listener once per change, until it unsubscribes', () => {
    const store = new Counter();
    const first = store.snapshot;
    const seen: number[] = [];
    const unsubscribe = store.subscribe(() => seen.push(store.snapshot.n));
    store.increment();
    store.increment();
    expect(seen).toEqual([1, 2]);
    expect(first).toEqual({ n: 0 });
    unsubscribe();
    store.increment();
    expect(seen).toEqual([1, 2]);
  });

  it('tells nobody when the snapshot is the same one, and everybody on emit', () => {
    const store = new Counter();
    let calls = 0;
    store.subscribe(() => calls++);
    store.same();
    expect(calls).toBe(0);
    store.poke();
    expect(calls).toBe(1);
  });

  it('lets a listener unsubscribe another while being told', () => {
    const store = new Counter();
    const calls: string[] = [];
    let second = () => {};
    store.subscribe(() => {
      calls.push('a');
      second();
    });
    second = store.subscribe(() => calls.push('b'));
    store.increment();
    expect(calls).toEqual(['a', 'b']);
    store.increment();
    expect(calls).toEqual(['a', 'b', 'a']);
  });

  it('drops its listeners on destroy: later changes and subscriptions reach nobody', () => {
    const store = new Counter();
    let calls = 0;
    store.subscribe(() => calls++);
    store.destroy();
    store.increment();
    store.poke();
    store.subscribe(() => calls++)();
    store.increment();
    expect(calls).toBe(0);
    expect(store.snapshot.n).toBe(0);
  });
});
