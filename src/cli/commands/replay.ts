/**
 * @module cli/commands/replay
 * `pitwall replay`: an OpenF1-compatible server over recorded or simulated data, until stopped.
 */
import { defineCommand } from '../command-spec.js'

/** `pitwall replay`. */
export const replayCommand = defineCommand({
  name: 'replay',
  describe: (cmd) =>
    cmd
      .description('an OpenF1-compatible server (127.0.0.1) over recorded or simulated data')
      .requiredOption(
        '--data <dir>',
        'folder in the layout of ../shared/openf1/v1 (or `pitwall simulate` output)',
      )
      .option('--port <n>', 'port (0 = any free one)', '8000')
      .option(
        '--rate <windows>',
        'answer 429 above these windows, e.g. 3/s,30/min (default: no limit)',
      )
      .option(
        '--fault-rate <p>',
        'share of requests given a fault (5xx, reset, truncated body, slow)',
        '0',
      )
      .option('--seed <n>', 'seed of the fault injection', '1')
      .option('--slow-ms <ms>', 'delay of a slow answer', '1500')
      .option('--max-rows <n>', 'answer 422 when a result would exceed this many records'),
  load: () => import('../actions/replay.js'),
})
