/**
 * The load generator of `npm run bench:search`, in a process of its own (so that sending requests
 * does not share the server's event loop): autocannon against BASE with the paths of PATHS_FILE
 * (JSON) asked in turn across all connections, for SECONDS; prints autocannon's result as JSON.
 * Usage: tsx bench/http-load.ts BASE PATHS_FILE CONNECTIONS SECONDS
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** What the benchmarks read of autocannon's result. */
export type LoadResult = {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (opts: object) => Promise<LoadResult>;
const [base, file, connections, seconds] = process.argv.slice(2);
const paths = JSON.parse(readFileSync(file, 'utf8')) as string[];
let next = 0;
const result = await autocannon({
  url: base,
  connections: Number(connections),
  duration: Number(seconds),
  // each connection would otherwise walk the list from its start, all asking the same query at once
  requests: [
    { method: 'GET', setupRequest: (req: object) => ({ ...req, path: paths[next++ % paths.length] }) },
  ],
});
process.stdout.write(JSON.stringify(result));
