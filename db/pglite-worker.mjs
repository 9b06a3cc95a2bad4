// PGlite on a worker thread of its own (started by db/pglite-thread.ts), so that its queries,
// which run synchronously inside WASM, never block the event loop that fans sync updates out.
// Plain JavaScript: it runs as it is from the source tree and beside the server bundle (dist/).
//
// Messages in:  { id, op: 'query', sql, params, rowMode, tx? }  { id, op: 'begin', tx }
//               { id, op: 'end', tx, commit }  { id, op: 'close' }
// Messages out: { id, ok: true, result? }  { id, ok: false, error }  and once { ready: true } or
//               { ready: false, error } after opening and migrating.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

// The raw text of these types, as drizzle-orm's PGlite session asks for (it maps them itself).
const RAW = (value) => value;
const PARSERS = {
  [types.TIMESTAMP]: RAW,
  [types.TIMESTAMPTZ]: RAW,
  [types.INTERVAL]: RAW,
  [types.DATE]: RAW,
  1231: RAW, // numeric[]
  1115: RAW, // timestamp[]
  1185: RAW, // timestamptz[]
  1187: RAW, // interval[]
  1182: RAW, // date[]
};

/** An error as plain data: PostgreSQL's fields (code, constraint, detail ...) survive the thread hop. */
function serializeError(err) {
  if (!(err instanceof Error)) return { message: String(err) };
  const out = { name: err.name, message: err.message, stack: err.stack };
  for (const [k, v] of Object.entries(err)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
  return out;
}

const { dataDir, migrationsFolder, migrate } = workerData;
/** Open transactions by id: the PGlite transaction and how to end it. */
const open = new Map();
let pg;

async function start() {
  pg = new PGlite(dataDir);
  await pg.waitReady;
  if (migrate) {
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(drizzle({ client: pg }), { migrationsFolder });
  }
}

async function handle(msg) {
  switch (msg.op) {
    case 'query': {
      const target = msg.tx === undefined ? pg : open.get(msg.tx)?.tx;
      if (!target) throw new Error(`transaction ${msg.tx} is not open`);
      const r = await target.query(msg.sql, msg.params, { rowMode: msg.rowMode, parsers: PARSERS });
      return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
    }
    case 'begin':
      return new Promise((begun, failed) => {
        const entry = { tx: undefined, end: undefined, done: undefined };
        const ended = new Promise((resolve) => (entry.end = resolve));
        // PGlite holds its transaction lock until this callback returns: queries outside the
        // transaction wait meanwhile, as they do on the main thread.
        entry.done = pg.transaction(async (tx) => {
          entry.tx = tx;
          open.set(msg.tx, entry);
          begun(undefined);
          if (!(await ended)) await tx.rollback();
        });
        entry.done.catch(failed);
      });
    case 'end': {
      const entry = open.get(msg.tx);
      if (!entry) throw new Error(`transaction ${msg.tx} is not open`);
      open.delete(msg.tx);
      entry.end(msg.commit);
      await entry.done.catch((err) => {
        // PGlite's rollback() ends the transaction by throwing; that is the expected outcome.
        if (msg.commit) throw err;
      });
      return undefined;
    }
    case 'close':
      await pg.close();
      return undefined;
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

parentPort.on('message', (msg) => {
  handle(msg).then(
    (result) => parentPort.postMessage({ id: msg.id, ok: true, result }),
    (err) => parentPort.postMessage({ id: msg.id, ok: false, error: serializeError(err) }),
  );
});

start().then(
  () => parentPort.postMessage({ ready: true }),
  (err) => parentPort.postMessage({ ready: false, error: serializeError(err) }),
);
