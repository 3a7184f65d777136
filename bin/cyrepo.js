#!/usr/bin/env node
// cyrepo command line: runs the TypeScript sources through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli.ts');
