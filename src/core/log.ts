/** The process's logger: pino, at the level the environment asks for, with ISO timestamps. */
import pino, { type Logger } from 'pino';
import type { Env } from './env.js';

export function createLogger(env: Pick<Env, 'LOG_LEVEL'>): Logger {
  return pino({ level: env.LOG_LEVEL, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
