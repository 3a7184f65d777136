// Worker of src/core/files/isolate.ts. TypeScript sources load through tsx (cyrepo has no build step);
// each message names a job module and its input, and the module's default export is run on it.
// Large JavaScript libraries named in `preload` are loaded first, by Node alone: through tsx's
// hooks pdfjs cost some 250 MB more.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

for (const specifier of workerData?.preload ?? []) await import(specifier);
register();
// tsx turns source maps on; Node would then parse the map of every module loaded.
process.setSourceMapsEnabled(false);
parentPort.on('message', async ({ id, module, input }) => {
  try {
    const job = await import(module);
    // The job's time runs from here: starting the worker and loading code are not the file's doing.
    parentPort.postMessage({ id, started: true });
    parentPort.postMessage({ id, ok: true, value: await job.default(input) });
  } catch (err) {
    const e = err ?? {};
    parentPort.postMessage({
      id,
      ok: false,
      error: {
        name: e.name,
        status: e.status,
        code: e.code,
        message: String(e.message ?? e),
        stack: e.stack,
      },
    });
  }
});
