/**
 * Heavy work on untrusted input off the main thread: a job (a module whose default export takes
 * the input) runs in a worker thread with a memory limit and a time limit, one job at a time, so
 * that the event loop keeps serving while a file is parsed and a hostile file costs a bounded
 * amount of memory. A job that runs out of memory or time ends the worker (the next job gets a
 * new one) and is refused as 413 file_too_complex; the worker is kept between jobs and ended when
 * idle. An AppError thrown by the job arrives as the same AppError.
 */
import { Worker } from 'node:worker_threads';
import { AppError, tooComplex } from '../errors.js';

export type IsolateLimits = {
  /** V8 old-generation heap of the worker (MB) */
  heapMb: number;
  /** wall-clock time of one job (ms) */
  timeMs: number;
  /** jobs waiting for the worker beyond this are refused (503 busy) */
  queue: number;
  /** JavaScript libraries the worker loads when it starts, without tsx */
  preload?: string[];
};

export const DEFAULT_LIMITS: IsolateLimits = { heapMb: 192, timeMs: 60_000, queue: 16 };
const IDLE_MS = 15_000;
/** starting a worker and loading the job's code (not counted in the job's time) */
const STARTUP_MS = 60_000;
const ENTRY = new URL('./isolate-entry.mjs', import.meta.url);

type Job = {
  module: string;
  input: unknown;
  what: string;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
};
type Reply =
  | { id: number; started: true }
  | { id: number; ok: true; value: unknown }
  | {
      id: number;
      ok: false;
      error: { name?: string; status?: number; code?: string; message: string; stack?: string };
    };

/** 413 file_too_complex: `why` says which bound the file passed; `what` names the file. */

export class Isolate {
  private worker: Worker | null = null;
  private readonly waiting: Job[] = [];
  private busy = false;
  private seq = 0;
  private idle: NodeJS.Timeout | null = null;

  constructor(readonly limits: IsolateLimits = DEFAULT_LIMITS) {}

  /** Runs `module`'s default export on `input` in the worker; `what` names the input in refusals. */
  run<T>(module: URL, input: unknown, what: string): Promise<T> {
    if (this.waiting.length >= this.limits.queue)
      return Promise.reject(
        new AppError(503, 'busy', `${what}: too many files are being read; try again in a minute`),
      );
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        module: module.href,
        input,
        what,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
      this.next();
    });
  }

  /** Ends the worker (pending jobs fail). */
  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private spawn(): Worker {
    const w = new Worker(ENTRY, {
      workerData: { preload: this.limits.preload ?? [] },
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.heapMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
    });
    w.unref();
    // A worker that fails mid-job is handled in next(); one that ends between jobs is forgotten.
    w.on('error', () => {});
    w.on('exit', () => {
      if (this.worker === w) this.worker = null;
    });
    return w;
  }

  private next(): void {
    if (this.busy) return;
    const job = this.waiting.shift();
    if (!job) return;
    if (this.idle) clearTimeout(this.idle);
    this.busy = true;
    const w = (this.worker ??= this.spawn());
    w.ref();
    const id = ++this.seq;
    const finish = (outcome: () => void, keep: boolean) => {
      clearTimeout(timer);
      clearTimeout(startup);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      if (keep) {
        w.unref();
        this.idle = setTimeout(() => void this.close(), IDLE_MS).unref();
      } else {
        if (this.worker === w) this.worker = null;
        void w.terminate();
      }
      this.busy = false;
      outcome();
      this.next();
    };
    const onMessage = (m: Reply) => {
      if (m.id !== id) return;
      if ('started' in m) {
        clearTimeout(startup);
        timer = setTimeout(
          () =>
            finish(
              () =>
                job.reject(
                  tooComplex(
                    job.what,
                    `reading it takes longer than ${Math.round(this.limits.timeMs / 1000)} s`,
                  ),
                ),
              false,
            ),
          this.limits.timeMs,
        );
        return;
      }
      if (m.ok) return finish(() => job.resolve(m.value), true);
      const e = m.error;
      if (e.status && e.code)
        return finish(() => job.reject(new AppError(e.status!, e.code!, e.message)), true);
      // Deep recursion on a hostile structure is the file's doing, not a bug.
      if (e.name === 'RangeError' && /call stack/i.test(e.message))
        return finish(() => job.reject(tooComplex(job.what, 'nested too deeply')), false);
      finish(
        () => job.reject(Object.assign(new Error(e.message), { name: e.name ?? 'Error', stack: e.stack })),
        true,
      );
    };
    const onError = (err: Error & { code?: string }) =>
      finish(
        () =>
          job.reject(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? tooComplex(job.what, `it needs more than ${this.limits.heapMb} MB of memory`)
              : err,
          ),
        false,
      );
    const onExit = (code: number) =>
      finish(() => job.reject(new Error(`the file reader stopped (exit code ${code})`)), false);
    let timer: NodeJS.Timeout | undefined;
    const startup = setTimeout(
      () =>
        finish(
          () => job.reject(new Error(`the file reader did not start within ${STARTUP_MS / 1000} s`)),
          false,
        ),
      STARTUP_MS,
    );
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage({ id, module: job.module, input: job.input });
  }
}
