import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'web/dist',
      'native/build',
      'artifacts',
      'out',
      'models',
      'coverage',
      '**/*.tmp-*',
    ],
  },
  js.configs.recommended,
  // Type-aware rules for all TypeScript (src, test, bench, scripts, web/src with its own tsconfig): the project
  // service finds each file's tsconfig; files outside every tsconfig are listed in allowDefaultProject.
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['web/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  // Plain JavaScript entry points: the untyped recommended rules only.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [...tseslint.configs.recommended],
  },
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'describe', 'it', 'suite', 'before', 'after'],
            },
          ],
        },
      ],
    },
  },
  {
    // No spread of a data array into a call: `Math.max(...T)` or `push(...rows)` overflows the stack on a long file
    // (a 300,000-row CSV). Loops instead (core/statistics extent/minOf/maxOf, core/arrays pushAll/insertAt); an
    // array literal may be spread. Tests keep their assertions as written (they spread small fixed arrays).
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    ignores: ['test/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression > SpreadElement:not([argument.type='ArrayExpression'])",
          message:
            'No spread of an array into a call (stack overflow on long data): use a loop or core/statistics.',
        },
        {
          selector: "NewExpression > SpreadElement:not([argument.type='ArrayExpression'])",
          message: 'No spread of an array into a call (stack overflow on long data): use a loop.',
        },
      ],
    },
  },
  {
    // Tests and the page still read command output and API responses as untyped JSON (`JSON.parse`, the page's
    // `Json` records): the no-unsafe-* family reports those as warnings there until each file reads them through
    // typed helpers (test/helpers/json.ts `parseJson<T>`); in src, bench and scripts they are errors.
    files: ['test/**/*.ts', 'web/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'warn',
      '@typescript-eslint/no-unsafe-assignment': 'warn',
      '@typescript-eslint/no-unsafe-call': 'warn',
      '@typescript-eslint/no-unsafe-argument': 'warn',
      '@typescript-eslint/no-unsafe-return': 'warn',
    },
  },
  {
    // Fastify's contract: a plugin is an async function (a plain one must call `done`), and a route handler's
    // returned promise is what Fastify sends; handlers that happen not to await stay async to keep that shape.
    files: ['src/server/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
);
