/**
 * The house rules, checked in CI (`npm run lint`). Layers, from the bottom:
 *   core      src/core/**      database, config, errors, access and policy, codes, files
 *   domains   src/domains/<d>  the programme's records and rules, each owning its tables
 *   reports   src/reports/**   reports composed from the domains' figures
 *   web       src/web/<s>      HTTP: the API and the pages, on a shared shell (src/web/shell)
 *   cli       src/cli/**       the command line (it may print a page's HTML, so it sits above web)
 *   main      src/main/**      the entry points that assemble the surfaces
 * A layer imports only layers below it (and itself); no two folders import each other; no file cycles.
 */
const layer = (name, path, below) => ({
  name: `layer-${name}`,
  comment: `${name} may import only ${below.join(', ') || 'itself'}`,
  severity: 'error',
  from: { path },
  to: { path: '^src/', pathNot: [path, ...below.map((b) => LAYERS[b])] },
});
const LAYERS = {
  core: '^src/core/',
  domains: '^src/domains/',
  reports: '^src/reports/',
  web: '^src/web/',
  cli: '^src/cli/',
  main: '^src/main/',
};
module.exports = {
  forbidden: [
    layer('core', LAYERS.core, []),
    layer('domains', LAYERS.domains, ['core']),
    layer('reports', LAYERS.reports, ['core', 'domains']),
    layer('web', LAYERS.web, ['core', 'domains', 'reports']),
    layer('cli', LAYERS.cli, ['core', 'domains', 'reports', 'web']),
    {
      name: 'web-shell-below-pages',
      comment: 'the web shell (page frame, UI kit, auth hook) is shared by every page and imports none of them',
      severity: 'error',
      from: { path: '^src/web/shell/' },
      to: { path: '^src/web/', pathNot: '^src/web/shell/' },
    },
    {
      name: 'no-folder-cycles',
      comment: 'no two folders import each other, directly or through others',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-file-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-src-to-tests',
      comment: 'source never imports test code',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '(^test/|\\.test\\.tsx?$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|\\.test\\.tsx?$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
