// Worker of src/files/isolate.ts. TypeScript sources load through tsx (cyrepo has no build step);
// each message names a job module and its input, and the module's default export is run on it.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
parentPort.on('message', async ({ id, module, input }) => {
  try {
    const job = await import(module);
    parentPort.postMessage({ id, ok: true, value: await job.default(input) });
  } catch (err) {
    const e = err ?? {};
    parentPort.postMessage({ id, ok: false, error: { name: e.name, status: e.status, code: e.code, message: String(e.message ?? e), stack: e.stack } });
  }
});
