// The reference server of the sync benchmark: y-websocket 1.5.4's own `setupWSConnection`
// (`bin/utils.js`, exported as `y-websocket-v1/bin/utils`), unmodified: no gate, no persistence,
// no auth. Hosted on a `ws` WebSocketServer (the project's ws 8, as our server uses), in a process
// of its own so its CPU and RSS can be read from /proc.
// Prints `READY <port>` once listening on 127.0.0.1.
'use strict';
const http = require('node:http');
const { WebSocketServer } = require('ws');
const { setupWSConnection } = require('y-websocket-v1/bin/utils');

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws, req) => setupWSConnection(ws, req));

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('okay');
});
server.on('upgrade', (req, socket, head) => {
  socket.on('error', () => undefined);
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`READY ${server.address().port}\n`);
});
const stop = () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
