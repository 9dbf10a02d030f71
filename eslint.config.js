// ESLint flat config for the whole workspace: typescript-eslint's recommended rules on
// every TypeScript source and test, plain recommended rules on the few .mjs/.js scripts.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'benchmarks/out/**',
      'benchmarks/scratch/**',
      'out/**',
      'apps/viewer/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The engine and the pure part of io run in the browser: no Node built-ins there.
    files: ['packages/core/src/**/*.ts', 'packages/io/src/**/*.ts'],
    ignores: ['packages/io/src/node.ts', 'packages/io/src/node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^node:',
              message: 'core and io (but io/src/node.ts and io/src/node/) must run in the browser',
            },
          ],
        },
      ],
    },
  },
  {
    // chain/ computes, report/ assembles and renders: chain never imports report (the other
    // way round is fine). A later block replaces the rule, so the browser rule is repeated.
    files: ['packages/core/src/chain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:', message: 'core must run in the browser' },
            {
              regex: '(^|/)report/',
              message:
                'core/src/chain must not import core/src/report (put shared types in chain/)',
            },
          ],
        },
      ],
    },
  },
  {
    // Each CLI command is a module of its own: commands never import each other; what they
    // share (option parsing, region resolution, errors, metric runs) lives in packages/cli/src.
    files: ['packages/cli/src/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\./',
              message:
                'commands do not import each other: move the helper to packages/cli/src/*.ts',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
);
