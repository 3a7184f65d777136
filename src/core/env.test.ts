import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from './env.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3000,
      LOG_LEVEL: 'info',
      PUBLIC_URL: 'http://127.0.0.1:3000',
    });
    expect(env.dataDir).toMatch(/\/data$/);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('lists every bad value in one readable message', () => {
    let error: unknown;
    try {
      loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(lines.some((l) => l.includes('PORT') && l.includes('"eighty"'))).toBe(true);
    expect(lines.some((l) => l.includes('DATABASE_URL') && l.includes('postgres://'))).toBe(true);
    expect(lines.some((l) => l.includes('LOG_LEVEL'))).toBe(true);
  });

  it('says where PUBLIC_URL comes from: itself, a HOST or PORT that was set, or the defaults', () => {
    expect(loadEnv({}).publicUrlFrom).toBe('defaults');
    expect(loadEnv({ PORT: '3999' })).toMatchObject({
      publicUrlFrom: 'HOST and PORT',
      PUBLIC_URL: 'http://127.0.0.1:3999',
    });
    expect(loadEnv({ HOST: '::1', PORT: '' })).toMatchObject({
      publicUrlFrom: 'HOST and PORT',
      PUBLIC_URL: 'http://[::1]:3000',
    });
    expect(loadEnv({ PUBLIC_URL: 'https://laws.example.org', PORT: '3999' }).publicUrlFrom).toBe(
      'PUBLIC_URL',
    );
  });

  it('treats empty variables as unset and trims a trailing slash from PUBLIC_URL', () => {
    expect(loadEnv({ DATABASE_URL: '', PUBLIC_URL: 'https://laws.example.org/' }).PUBLIC_URL).toBe(
      'https://laws.example.org',
    );
  });
});
