#!/usr/bin/env node
// `npm run build`: bundles the CLI from src/ into dist/ with esbuild. One ESM entry
// (dist/cli/start.js) and shared chunks (dist/chunks/), split at every `import()` so a command's
// code still loads only when that command runs (`--help` loads commander and the command specs).
// Why a bundle rather than tsc's one-file-per-module output: Node resolves, stats and compiles each
// file, and parses every CommonJS dependency (@duckdb/node-api is 124 files) with its export lexer
// when ESM imports it — about 0.35 s of every `pitwall sql` start on this machine (bench
// cli-startup). Type checking is `npm run typecheck`; esbuild only strips types.
// dist/meta.json (esbuild's metafile) says which sources each chunk holds: the test of what
// `--help` loads reads it.
import { build } from 'esbuild'
import { rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = join(root, 'dist')

// Left to Node at run time: native bindings (a .node file cannot be bundled), packages loaded only
// by one rarely used command and large enough to slow every build (AWS SDK, Databricks driver), and
// development tools.
const external = [
  '@duckdb/node-bindings',
  '@aws-sdk/*',
  '@databricks/sql',
  'playwright-core',
  'tsx',
  'esbuild',
  'vite',
]

rmSync(outdir, { recursive: true, force: true })
const result = await build({
  absWorkingDir: root,
  entryPoints: { 'cli/start': 'src/cli/start.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  external,
  sourcemap: true,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies inside an ESM bundle call `require` (for node: builtins too).
  banner: {
    js: "import { createRequire as __pitwallCreateRequire } from 'node:module'; const require = __pitwallCreateRequire(import.meta.url);",
  },
})
writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile))
