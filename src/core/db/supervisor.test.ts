/** The supervisor's decisions on a fake server: one line when it dies, restarts with back-off, stop ends it. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { supervise, type Supervised } from './supervisor.js';

function memoryLog() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

/** A server that can be killed, fails its next `failures` starts, and notes when each start was tried. */
function fakeServer(t0: number) {
  const s = { pid: 100 as number | undefined, failNext: 0, elsewhere: false, starts: [] as number[] };
  const server: Supervised = {
    name: 'test server',
    livePid: async () => s.pid,
    restartedElsewhere: async () => s.elsewhere,
    start: async () => {
      s.starts.push(Date.now() - t0);
      if (s.failNext > 0) {
        s.failNext--;
        throw new Error('shared memory still in use');
      }
      s.pid = 200;
    },
  };
  return { s, server };
}

describe('supervise', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs one line when the server dies, retries at 0.5 s, 1 s, 2 s, 4 s … and logs when it is back', async () => {
    const t0 = Date.now();
    const { s, server } = fakeServer(t0);
    const { log, lines } = memoryLog();
    const sup = supervise(server, 100, log);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sup.up).toBe(true);
    expect(s.starts).toEqual([]);

    s.pid = undefined; // kill -9
    s.failNext = 3;
    const killedAt = Date.now() - t0;
    await vi.advanceTimersByTimeAsync(1000); // the next poll finds it dead
    expect(sup.up).toBe(false);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(sup.up).toBe(true);
    // first try 0.5 s after the death is seen, then 1 s, 2 s, 4 s after each failure; nothing in between
    const seen = killedAt + 1000;
    expect(s.starts).toEqual([seen + 500, seen + 1500, seen + 3500, seen + 7500]);

    const died = lines.filter((l) => l.msg.includes('stopped unexpectedly'));
    expect(died).toHaveLength(1);
    expect(died[0]).toMatchObject({
      level: 50,
      msg: 'test server stopped unexpectedly (pid 100); restarting',
    });
    expect(lines.filter((l) => l.msg.includes('could not be restarted'))).toHaveLength(3);
    expect(lines.at(-1)!.msg).toMatch(/^test server is running again \(pid 200\) after 7\.5 s$/);
    await sup.stop();
  });

  it('caps the back-off at 30 s and never starts a server another live process will restart', async () => {
    const { s, server } = fakeServer(Date.now());
    const { log } = memoryLog();
    const sup = supervise(server, 100, log);
    s.pid = undefined;
    s.elsewhere = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.starts).toEqual([]);
    expect(sup.up).toBe(false);

    s.elsewhere = false; // its owner is gone too: now it is ours to restart
    s.failNext = 1000;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    const gaps = s.starts.slice(1).map((at, i) => at - s.starts[i]);
    expect(gaps.slice(0, 7)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(Math.max(...gaps)).toBe(30_000);
    await sup.stop();
  });

  it('check() looks at once rather than at the next poll; stop() ends supervision', async () => {
    const { s, server } = fakeServer(Date.now());
    const { log, lines } = memoryLog();
    const sup = supervise(server, 100, log);
    s.pid = undefined;
    sup.check();
    await vi.advanceTimersByTimeAsync(1);
    expect(sup.up).toBe(false);

    await sup.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.starts).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(lines).toHaveLength(1);
  });
});
