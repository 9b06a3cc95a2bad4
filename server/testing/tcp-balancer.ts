import net from 'node:net';

/**
 * A round-robin TCP load balancer on 127.0.0.1 for tests (no sticky sessions): each new connection
 * goes to the next backend, skipping one that refuses, as a load balancer's health checks would.
 */
export interface TcpBalancer {
  url: string;
  close(): Promise<void>;
}

export async function startTcpBalancer(backends: () => string[]): Promise<TcpBalancer> {
  let next = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const list = backends();
    const tryBackend = (attempt: number) => {
      if (attempt >= list.length) return client.destroy();
      const target = new URL(list[next++ % list.length]);
      const upstream = net.connect(Number(target.port), target.hostname);
      upstream.once('connect', () => {
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        client.pipe(upstream).pipe(client);
        client.resume();
        upstream.on('error', () => client.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
      });
      upstream.once('error', () => tryBackend(attempt + 1));
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
