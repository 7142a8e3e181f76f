import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The engine runs in a Web Worker, in Node and in tests: it must not reach for React, d3,
// zustand, the DOM or Node built-ins.
const engineForbiddenGlobals = ['window', 'document', 'navigator', 'localStorage', 'HTMLElement', 'requestAnimationFrame', 'process', 'require', 'Buffer'];

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-*', 'react/*'], message: 'The engine is framework-free.' },
          { group: ['zustand', 'zustand/*'], message: 'The engine is framework-free.' },
          { group: ['d3', 'd3-*'], message: 'The engine does not draw.' },
          { group: ['node:*', 'fs', 'path', 'worker_threads', 'os'], message: 'The engine runs in the browser too: no Node built-ins.' },
          { group: ['**/ui/**', '**/visualizations/**', '**/worker/**', '**/cli/**'], message: 'The engine imports nothing from the layers above it.' },
        ],
      }],
      'no-restricted-globals': ['error', ...engineForbiddenGlobals],
    },
  },
);
