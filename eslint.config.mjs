import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // STYLE.md: dependencies point one way (app → lib → db); lib/ota stays pure.
    files: ['components/**', 'lib/**', 'db/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@/app/*'], message: 'Nothing imports app/: pass server actions in as props.' }] }] },
  },
  {
    files: ['lib/ota/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['next', 'next/*', 'react', 'react-dom', '@/db/*', '@/lib/env', '@/app/*'], message: 'lib/ota is pure: no next, react, db or env.' }] },
      ],
    },
  },
  { ignores: ['.next/**', 'node_modules/**', '.data/**', 'test-results/**', 'db/migrations/**', 'next-env.d.ts'] },
];

export default config;
