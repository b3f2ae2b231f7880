import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '') } },
  test: {
    include: ['{lib,db,app,components,scripts}/**/*.test.ts'],
    environment: 'node',
    // Integration tests open real SQLite files and sockets; run files in separate processes.
    pool: 'forks',
    testTimeout: 30_000,
    env: { NEXTAUTH_SECRET: 'test-secret-test-secret-test', NODE_ENV: 'test' },
  },
});
