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
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
);
