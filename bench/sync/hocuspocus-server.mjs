// Hocuspocus (@hocuspocus/server 3.4, the last line for Node 20) for the sync benchmark, with no
// extension: no persistence, no auth hook, like the reference. In a process of its own so that
// its CPU and RSS can be read from /proc. Prints `READY <port>` once listening on 127.0.0.1.
import { Server } from '@hocuspocus/server';

const server = new Server({ port: Number(process.env.PORT ?? 0), address: '127.0.0.1', quiet: true });
await server.listen();
process.stdout.write(`READY ${server.address.port}\n`);
const stop = () => {
  void server.destroy().finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
