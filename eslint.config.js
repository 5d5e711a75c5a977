/** Lint rules for `npm run -s lint`: bug-catching checks only (type-aware promise rules, no `any`), no style rules. */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'data/**', '**/*.d.ts'] },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its error (an unhandled rejection kills the process) and races the response.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async callback where a void one is expected (event handlers, forEach, Hono middleware) drops its rejection.
      '@typescript-eslint/no-misused-promises': 'error',
      // Failures are AppErrors with stable codes; throwing a string or a plain object loses the stack and the code.
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // The compiler reports unused locals and parameters (noUnusedLocals, noUnusedParameters); once is enough.
      '@typescript-eslint/no-unused-vars': 'off',
      // Not await-thenable: Hono types `(<Page />).toString()` as a string, yet it returns a promise when the tree holds an
      // async component, so the rule would ask to drop awaits that are needed.
    },
  },
  {
    // Plain JavaScript is outside the TypeScript project: no type information, so no type-aware rules.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
  {
    // The one script served to the browser (passkeys in the portal), written as a classic `var` script on purpose.
    files: ['src/web/static/**/*.js'],
    rules: { 'no-var': 'off' },
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        location: 'readonly',
        fetch: 'readonly',
        atob: 'readonly',
        btoa: 'readonly',
        PublicKeyCredential: 'readonly',
      },
    },
  },
);
