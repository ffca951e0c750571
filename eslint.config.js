import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The import fences keep the layering honest: core → (messages) → worker → store → ui.
const tfjsRuntime = ['@tensorflow/*'];
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

const uiFence = {
  files: ['src/ui/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: tfjsRuntime,
            allowTypeImports: true,
            message: 'The page never loads tfjs: import types only, talk to the worker.',
          },
          {
            group: ['**/core/backend', '**/core/model/tf-bridge', '**/node/**'],
            message: 'This module loads tfjs; use core/backend-names or the worker.',
          },
        ],
      },
    ],
  },
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
  uiFence,
);
