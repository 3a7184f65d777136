/** Runs a service function in one transaction: all of it is written, or nothing. */
import type { Database, Orm } from './connect.js';

export function inTransaction<T>(db: Database, fn: (tx: Orm) => Promise<T>): Promise<T> {
  return db.orm.transaction((tx) => fn(tx as unknown as Orm));
}
