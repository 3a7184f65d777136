/**
 * Keeps a server process running: polls whether it is alive (every second, or at once when asked,
 * e.g. on a connection error), and when it has died logs one line and restarts it with back-off
 * (0.5 s, 1 s, 2 s … capped at 30 s), then logs when it is back. One check or restart at a time;
 * stop() ends supervision (and waits for a restart under way) before the server is stopped on purpose.
 */
import type { Logger } from 'pino';

export type Supervised = {
  /** What the log calls the server. */
  name: string;
  /** The pid of the server if one runs now, else undefined. */
  livePid(): Promise<number | undefined>;
  /** True when another live process runs the server and will restart it itself: then we only wait. */
  restartedElsewhere(): Promise<boolean>;
  /** Starts the server; resolves once it accepts connections, rejects if it could not. */
  start(): Promise<void>;
};

export type Supervision = {
  /** False from the moment the server is found dead until it runs again. */
  readonly up: boolean;
  /** Checks now (e.g. after a connection error) rather than at the next poll; no effect while a restart is pending. */
  check(): void;
  stop(): Promise<void>;
};

export const POLL_MS = 1000;
export const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 16_000, 30_000];

export function supervise(
  server: Supervised,
  pid: number,
  log: Logger,
  timing = { pollMs: POLL_MS, backoffMs: BACKOFF_MS },
): Supervision {
  let up = true;
  let stopped = false;
  let failures = 0;
  let downSince = 0;
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> | undefined;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(tick, ms).unref();
  };
  const backoff = () => timing.backoffMs[Math.min(failures, timing.backoffMs.length - 1)];

  /** One look at the server; returns when to look next. */
  async function step(): Promise<number> {
    const live = await server.livePid();
    if (live) {
      if (!up)
        log.warn(
          { pid: live, downMs: Date.now() - downSince },
          `${server.name} is running again (pid ${live}) after ${((Date.now() - downSince) / 1000).toFixed(1)} s`,
        );
      up = true;
      failures = 0;
      pid = live;
      return timing.pollMs;
    }
    if (up) {
      up = false;
      downSince = Date.now();
      log.error({ pid }, `${server.name} stopped unexpectedly (pid ${pid}); restarting`);
      return backoff();
    }
    if (await server.restartedElsewhere()) return timing.pollMs;
    if (stopped) return timing.pollMs;
    try {
      await server.start();
      return 0; // the next step sees it running and says so
    } catch (err) {
      failures++;
      const retryMs = backoff();
      log.warn(
        { err, attempt: failures, retryMs },
        `${server.name} could not be restarted (attempt ${failures}); retrying in ${retryMs / 1000} s`,
      );
      return retryMs;
    }
  }

  function tick() {
    if (stopped || busy) return;
    busy = step()
      .catch((err) => {
        log.error({ err }, `checking the ${server.name} failed`);
        return timing.pollMs;
      })
      .then((next) => {
        busy = undefined;
        schedule(next);
      });
  }

  schedule(timing.pollMs);
  return {
    get up() {
      return up;
    },
    check() {
      if (up && !busy) schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await busy;
    },
  };
}
