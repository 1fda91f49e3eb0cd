/** Module boundaries: only a workspace package's public entry points may be imported from outside it. */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes modules impossible to split out or reason about on their own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-deep-import-across-workspaces',
      severity: 'error',
      comment: 'Import another module only through its package name (src/index.ts or src/testing.ts).',
      from: { path: '^(apps|modules|packages)/([^/]+)/' },
      to: {
        path: '^(apps|modules|packages)/([^/]+)/',
        pathNot: ['^$1/$2/', '^(apps|modules|packages)/[^/]+/src/(index|testing)\\.ts$'],
      },
    },
    {
      name: 'modules-do-not-import-apps',
      severity: 'error',
      comment:
        'Modules are wired by apps/server; they never reach into an app (the test harness may build the app).',
      from: { path: '^(modules|packages)/', pathNot: '^packages/testing/' },
      to: { path: '^apps/' },
    },
    {
      name: 'platform-is-the-kernel',
      severity: 'error',
      comment: 'The kernel depends on no module.',
      from: { path: '^packages/platform/' },
      to: { path: '^modules/' },
    },
    {
      name: 'production-code-does-not-import-testing',
      severity: 'error',
      from: {
        path: '^(apps|modules|packages)/',
        pathNot: ['\\.test\\.ts$', '/test/', '/e2e/', '/bench/', '/testing\\.ts$', '^packages/testing/'],
      },
      to: { path: ['^packages/testing/', '/src/testing\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'default'] },
  },
};
