/**
 * @module cli/commands/simulate
 * `pitwall simulate`: deterministic synthetic OpenF1 data in the layout of `../shared/openf1/v1`.
 */
import { collect, defineCommand } from '../command-spec.js'

/**
 * Session kinds as help lists them; the simulator's `SIM_SESSION_KINDS` is what is accepted
 * (`cli-specs.test.ts` checks the two agree).
 */
export const SIM_SESSION_KINDS_HELP = 'practice, qualifying, sprint-qualifying, sprint, race'

/** `pitwall simulate`. */
export const simulateCommand = defineCommand({
  name: 'simulate',
  describe: (cmd) =>
    cmd
      .description('synthetic OpenF1 data (deterministic) for offline demos and benchmarks')
      .requiredOption('--seasons <years>', 'seasons to simulate, e.g. 2024 or 2023,2024', collect)
      .option(
        '--meetings <n>',
        'meetings per season, from the start of the calendar (default all 24)',
      )
      .option('--sessions <kinds>', `session kinds: ${SIM_SESSION_KINDS_HELP} or all`, 'all')
      .requiredOption('--out <dir>', 'output folder (the layout of ../shared/openf1/v1)')
      .option('--seed <n>', 'seed', '1')
      .option('--telemetry-hz <hz>', 'location/car_data samples per second (the API: ~3.7)', '3.7')
      .option('--no-gzip', 'write plain .json instead of .json.gz'),
  load: () => import('../actions/simulate.js'),
})
