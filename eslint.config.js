import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { pageFencePlugin } from './scripts/eslint-page-fence.mjs';

// The import fences keep the layering honest: core → (messages) → worker → store → ui.
const uiLibs = ['react', 'react-dom', 'react-dom/*', 'react/*', 'zustand', 'zustand/*', 'recharts'];

export const coreFence = {
  files: ['src/core/**/*.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: uiLibs, message: 'src/core is framework-free: no React, Zustand or Recharts.' },
          {
            group: ['**/worker/**', '**/store/**', '**/ui/**', '**/node/**', '../../cli/**'],
            message: 'src/core may import only tfjs and itself.',
          },
          {
            group: ['node:*', 'fs', 'path', 'child_process'],
            message: 'src/core must run in a browser worker: no Node modules.',
          },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'window', message: 'src/core has no DOM: pass what you need in.' },
      { name: 'document', message: 'src/core has no DOM: pass what you need in.' },
      { name: 'self', message: 'src/core must not depend on worker globals.' },
    ],
  },
};

// The page (ui, store) imports through a whitelist: src/protocol, src/store, src/ui, named packages.
const pageFence = {
  files: ['src/ui/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}'],
  plugins: { lab: pageFencePlugin },
  rules: { 'lab/page-imports': 'error' },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'public/**',
      'bench/out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
    },
  },
  {
    files: ['src/ui/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  coreFence,
  pageFence,
);
