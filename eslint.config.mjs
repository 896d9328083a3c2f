import tseslint from 'typescript-eslint';

const lspPackages = [
  'vscode',
  'vscode-languageserver',
  'vscode-languageserver/*',
  'vscode-languageclient',
  'vscode-languageclient/*',
  'vscode-languageserver-textdocument',
  'vscode-languageserver-protocol',
  'vscode-jsonrpc',
  'vscode-jsonrpc/*',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'dist-vsix/**', '.vscode-test/**', 'out/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is plain Node: no editor, no LSP, nothing of ours above it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: lspPackages
            .filter((p) => !p.includes('*'))
            .map((name) => ({ name, message: 'src/core must not depend on VS Code or LSP packages.' })),
          patterns: [
            {
              group: ['vscode-languageserver/*', 'vscode-languageclient/*', 'vscode-jsonrpc/*'],
              message: 'src/core must not depend on LSP packages.',
            },
            {
              group: ['**/extension/**', '**/server/**', '**/protocol/**', '**/test/**'],
              message: 'src/core imports nothing of ours above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The language server runs outside VS Code.' }],
          patterns: [{ group: ['**/extension/**', '**/test/**'], message: 'The server never imports the extension or tests.' }],
        },
      ],
    },
  },
  {
    files: ['src/extension/**/*.ts', 'src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/test/**', '**/sim-operator/**'],
              message: 'The extension talks to the server only through src/protocol.',
            },
          ],
        },
      ],
    },
  },
);
