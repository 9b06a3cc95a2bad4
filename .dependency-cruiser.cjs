/**
 * The import direction of DESIGN.md: app -> server, lib; server -> db, lib; lib/audio -> lib/doc,
 * lib/dsp; lib/dsp -> nothing. `npm run lint` fails when a rule is broken.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'lib-is-framework-free',
      comment: 'lib/ is shared by browser and server: it never imports app/, server/ or db/.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(app|server|db)/' },
    },
    {
      name: 'dsp-imports-nothing',
      comment: 'lib/dsp is pure DSP: only its own modules.',
      severity: 'error',
      from: { path: '^lib/dsp/', pathNot: '(\\.test\\.ts$|/test-support/)' },
      to: { pathNot: '^lib/dsp/' },
    },
    {
      name: 'audio-imports-doc-and-dsp-only',
      comment: 'lib/audio renders a MixSnapshot: it may use lib/doc and lib/dsp, nothing else of ours.',
      severity: 'error',
      from: { path: '^lib/audio/' },
      to: { path: '^(app|server|db|lib/(?!audio/|doc/|dsp/))' },
    },
    {
      name: 'app-not-to-sync',
      comment: 'The UI talks to sync over the wire, never by importing the server side of it.',
      severity: 'error',
      from: { path: '^app/' },
      to: { path: '^server/sync/' },
    },
    {
      name: 'db-below-server',
      comment: 'db/ is the bottom layer: it never imports app/ or server/.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^(app|server)/' },
    },
    {
      name: 'server-not-to-app',
      comment: 'Imports point down: server/ never imports app/.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^app/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.next|dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
  },
};
