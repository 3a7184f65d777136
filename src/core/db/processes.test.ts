import { describe, expect, it } from 'vitest';
import { processStartedAt, startedAt } from './processes.js';

describe('a pid names the process that wrote it', () => {
  const mine = processStartedAt(process.pid);
  it.runIf(process.platform === 'linux')('knows when this process started', () => {
    const uptime = process.uptime();
    expect(mine).toBeDefined();
    expect(Math.abs(Date.now() / 1000 - uptime - mine!)).toBeLessThan(2);
  });
  it.runIf(process.platform === 'linux')('a pid reused by another process does not pass', () => {
    expect(startedAt(process.pid, Math.round(mine!))).toBe(true);
    expect(startedAt(process.pid, Math.round(mine!) - 600)).toBe(false);
  });
  it('without a recorded start time, the pid alone decides', () => {
    expect(startedAt(process.pid, undefined)).toBe(true);
  });
});
