import net from 'node:net';
import { once } from 'node:events';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { WriteBatch } from './write-batch';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A connected loopback pair: what `client` writes, `received` collects chunk by chunk. */
async function pair(): Promise<{ client: net.Socket; received: Buffer[] }> {
  const received: Buffer[] = [];
  const server = net.createServer((s) => s.on('data', (d) => received.push(d)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  await once(client, 'connect');
  cleanups.push(() => {
    client.destroy();
    server.close();
  });
  return { client, received };
}

describe('WriteBatch', () => {
  it("holds a socket's writes of one turn and sends them together, in order, after it", async () => {
    const { client, received } = await pair();
    const batch = new WriteBatch();
    for (const frame of ['one,', 'two,', 'three']) {
      batch.hold(client);
      client.write(frame);
    }
    // Held: nothing has reached the kernel yet, and the socket was corked once, not per frame.
    expect(client.writableCorked).toBe(1);
    expect(client.writableLength).toBe('one,two,three'.length);
    await nextTurn();
    expect(client.writableCorked).toBe(0);
    while (Buffer.concat(received).length < 13) await nextTurn();
    expect(Buffer.concat(received).toString()).toBe('one,two,three');
  });

  it('a socket destroyed while held is left alone; the others still go out', async () => {
    const a = await pair();
    const b = await pair();
    const batch = new WriteBatch();
    batch.hold(a.client);
    batch.hold(b.client);
    a.client.write('lost');
    b.client.write('kept');
    a.client.destroy();
    batch.flush();
    expect(b.client.writableCorked).toBe(0);
    while (b.received.length === 0) await nextTurn();
    expect(Buffer.concat(b.received).toString()).toBe('kept');
  });
});
