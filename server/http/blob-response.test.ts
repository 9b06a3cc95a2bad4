import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readableToWeb } from './blob-response';

/** A source of `count` chunks of `size` bytes (chunk k filled with k % 256); `produced()` counts what it made. */
function chunks(count: number, size = 1024): Readable & { produced(): number } {
  let sent = 0;
  const source = new Readable({
    read() {
      this.push(sent < count ? Buffer.alloc(size, sent++ % 256) : null);
    },
  });
  return Object.assign(source, { produced: () => sent });
}

describe('readableToWeb', () => {
  it('passes every byte through, in order', async () => {
    const bytes = new Uint8Array(await new Response(readableToWeb(chunks(5, 3))).arrayBuffer());
    expect(Array.from(bytes)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
  });

  it('reads only what is pulled, and destroys the source when the consumer cancels', async () => {
    const source = chunks(1000);
    const reader = readableToWeb(source).getReader();
    expect((await reader.read()).value?.length).toBe(1024);
    await reader.cancel();
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect(source.destroyed).toBe(true);
    // At most Node's read-ahead (16 KiB) beyond the chunk read, not the 1000 chunks.
    expect(source.produced()).toBeLessThan(50);
  });

  it('destroys a source that opens after the consumer cancelled (its file handle would wait for the GC)', async () => {
    const source = chunks(10);
    let opened!: () => void;
    const opening = new Promise<void>((resolve) => (opened = resolve));
    const reader = readableToWeb(async () => {
      await opening;
      return source;
    }).getReader();
    const read = reader.read();
    await new Promise((r) => setImmediate(r));
    const cancelled = reader.cancel();
    opened();
    await cancelled;
    await read.catch(() => undefined);
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect(source.destroyed).toBe(true);
  });

  it('ends the web stream with an error when the source fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('disk gone'));
      },
    });
    await expect(new Response(readableToWeb(failing)).arrayBuffer()).rejects.toThrow();
  });

  it('opens the source at the first pull only, so a body nobody reads opens no file', async () => {
    let opened = 0;
    const open = async () => {
      opened++;
      return chunks(3);
    };
    const web = readableToWeb(open);
    await new Promise((r) => setTimeout(r, 20));
    expect(opened).toBe(0);
    expect((await new Response(web).arrayBuffer()).byteLength).toBe(3 * 1024);
    expect(opened).toBe(1);
  });

  it('closes the source when the consumer stops pulling for the idle time', async () => {
    const source = chunks(1000);
    const reader = readableToWeb(source, 30).getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 80));
    expect(source.destroyed).toBe(true);
    await expect(reader.read()).rejects.toThrow(/nobody read this body/);
  });
});
