/**
 * The layering of DESIGN.md §1, enforced (VS Code style: by tooling, not by memory):
 *   shared  ←  core  ←  services  ←  electron | cli          renderer → shared only
 * `npm test` runs this; a violation fails the build.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-self-contained',
      comment: 'shared/ runs anywhere: it imports nothing of ours, no Node built-ins, no Electron.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(src-main|src-renderer|e2e|scripts|bench|resources)/' },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      from: { path: '^shared/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-sees-only-shared',
      comment: 'The renderer talks to the engine only through the contract (src-renderer/ipc).',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^(src-main|e2e|scripts|bench|resources)/' },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^src-renderer/', pathNot: '\\.test\\.tsx?$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'only-electron-folder-imports-electron',
      severity: 'error',
      from: { pathNot: '^(src-main/electron|e2e|scripts)/' },
      to: { path: '(^|/)node_modules/electron/' },
    },
    {
      name: 'core-and-workers-below-services',
      comment: 'core and workers import no services, no Electron shell, no CLI.',
      severity: 'error',
      from: { path: '^src-main/(core|workers)/' },
      to: { path: '^src-main/(services|electron|cli)/' },
    },
    {
      name: 'core-is-pure',
      comment: 'core is plain functions over data: it does not know about worker entry points.',
      severity: 'error',
      from: { path: '^src-main/core/' },
      to: { path: '^src-main/workers/' },
    },
    {
      name: 'services-below-shells',
      severity: 'error',
      from: { path: '^src-main/services/' },
      to: { path: '^src-main/(electron|cli)/' },
    },
    {
      name: 'cli-and-electron-are-siblings',
      severity: 'error',
      from: { path: '^src-main/cli/' },
      to: { path: '^src-main/electron/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.main.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    exclude: { path: '(^|/)dist/' },
  },
};
