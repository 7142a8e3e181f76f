import { defineConfig } from 'vitest/config';

// Node environment by default (the engine runs in plain Node); component tests opt into
// jsdom with a `// @vitest-environment jsdom` docblock.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30000,
  },
});
