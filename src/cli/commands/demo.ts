/**
 * @module cli/commands/demo
 * `pitwall demo` (what `npm start` runs): simulate a race weekend, serve it with the replay
 * server, run the pipeline against it, print the race classification, then serve the API and
 * dashboard — offline, in its own home (`<home>/demo`).
 */
import { defineCommand } from '../command-spec.js'
import { SERVE_DEFAULTS } from './serve.js'

/** `pitwall demo`. */
export const demoCommand = defineCommand({
  name: 'demo',
  describe: (cmd) =>
    cmd
      .description(
        'offline: simulate a race weekend, replay it as the OpenF1 API, run the pipeline, print the race result, serve it (npm start)',
      )
      .option('--no-serve', 'stop after the pipeline and the leaderboard (tests, CI)')
      .option(
        '--port <n>',
        'port of the API and dashboard (0 = any free port)',
        SERVE_DEFAULTS.port,
      )
      .option('--fresh', 'delete the demo home first and start over'),
  load: () => import('../actions/demo.js'),
})
