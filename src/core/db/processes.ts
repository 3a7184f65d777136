/**
 * Whether a pid still names the process that wrote it down: after a crash, a pid file stays behind
 * and the system may give its number to another process (a pid reused), which must not pass for the
 * server. On Linux the process's start time is compared with the one recorded; elsewhere the pid alone
 * is all there is.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux architecture cyrepo runs on). */
const TICKS = 100;

/** When the process started, in seconds since the epoch (Linux), else undefined. */
export function processStartedAt(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const bootedAt = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    const started = bootedAt + Number(fields[19]) / TICKS;
    return Number.isFinite(started) ? started : undefined;
  } catch {
    return undefined;
  }
}

/**
 * False only when both start times are known and differ by more than the recorded one's rounding
 * (PostgreSQL writes whole seconds in postmaster.pid).
 */
export function startedAt(pid: number, recorded: number | undefined): boolean {
  const actual = processStartedAt(pid);
  return recorded === undefined || actual === undefined || Math.abs(actual - recorded) <= 2;
}
