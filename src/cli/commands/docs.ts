/**
 * @module cli/commands/docs
 * `pitwall docs generate|serve` (as `dbt docs`): the catalog, manifest and a static site with
 * lineage in `<home>/target/`, and a local server for it.
 */
import { defineCommand } from '../command-spec.js'

/** `pitwall docs generate`. */
const generate = defineCommand({
  name: 'generate',
  describe: (cmd) =>
    cmd
      .description('catalog.json + manifest.json + static docs site with lineage in <home>/target')
      .option('--vars <yaml>', "variables, e.g. '{season: 2024}'"),
  load: () => import('../actions/docs-generate.js'),
})

/** `pitwall docs serve`. */
const serve = defineCommand({
  name: 'serve',
  describe: (cmd) =>
    cmd
      .description('serve the docs site of <home>/target on 127.0.0.1')
      .option('--port <n>', 'port (0 = any free port)', '8580'),
  load: () => import('../actions/docs-serve.js'),
})

/** `pitwall docs`. */
export const docsCommand = defineCommand({
  name: 'docs',
  describe: (cmd) => cmd.description('documentation site with lineage (as dbt docs)'),
  subcommands: [generate, serve],
})
