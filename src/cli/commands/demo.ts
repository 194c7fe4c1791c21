/**
 * @module cli/commands/demo
 * `pitwall demo` (what `npm start` runs): every stage that exists, offline, on simulated data.
 */
import { defineCommand } from '../command-spec.js'

/** `pitwall demo`. */
export const demoCommand = defineCommand({
  name: 'demo',
  describe: (cmd) =>
    cmd.description('run every built stage offline on simulated data, then summarise (npm start)'),
  load: () => import('../actions/demo.js'),
})
