/**
 * The entry of `public/engine/mixroom-engine.js` (built by `npm run build:engine`). One file, two
 * hosts: loaded with `audioWorklet.addModule` it registers the engine processor (live playback);
 * loaded with `new Worker(url)` it renders exports. `mixroom render` in Node bundles the same modules.
 */
import { registerEngineProcessor } from './engine-processor';
import { startExportWorker } from './export-worker';

const scope = globalThis as unknown as Record<string, unknown>;
if (typeof scope.registerProcessor === 'function') {
  registerEngineProcessor(scope as unknown as Parameters<typeof registerEngineProcessor>[0]);
} else if (typeof scope.importScripts === 'function' || typeof scope.WorkerGlobalScope !== 'undefined') {
  startExportWorker(scope as unknown as Parameters<typeof startExportWorker>[0]);
}
