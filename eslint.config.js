import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '**/drizzle/**', '.nx/**', 'tmp/**', 'coverage/**', 'bench/.peers/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      // Projects talk through their public entry points (`@agora/<lib>`), and a subgraph never
      // imports another subgraph: each is deployed, scaled and versioned on its own.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:contracts', 'type:app'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    // The build leaves specs out of dist/, so code that imports one builds and type-checks but fails to load.
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['*.spec', '*.spec.js', '*.spec.ts'], message: 'Specs are not built; move what is shared out of the spec.' }],
        },
      ],
    },
  },
  {
    // A test (or the bench) that asserts something exists may then use it without a guard.
    files: ['**/*.spec.ts', '**/test/**/*.ts', 'libs/testing/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // End-to-end tests arrange state in each service's own tables, so they import subgraph schemas.
    files: ['e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // accounts' operator commands work on accounts' own database with accounts' own code (its
    // schema, key store and role change), as its migrations do; apps have no alias to import by.
    files: ['tools/accounts/**/*.ts', 'tools/keys/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  prettier,
];
