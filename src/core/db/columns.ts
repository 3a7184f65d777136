/** Column helpers shared by the Drizzle table definitions. */
import { timestamp } from 'drizzle-orm/pg-core';

/** A timestamptz read as the string PostgreSQL prints (see connect.ts). */
export const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
