/**
 * @module cli/commands/runs
 * `pitwall runs [--last N]` and `pitwall runs show <id>`: the run history of the target.
 */
import { defineCommand } from '../command-spec.js'

/** `pitwall runs show <id>`. */
const showCommand = defineCommand({
  name: 'show',
  describe: (cmd) =>
    cmd
      .description('one run: its sessions, steps, failed assets and how to resume it')
      .argument('<run-id>', 'the run (from pitwall runs)')
      .option('--markdown', 'Markdown (for a CI job summary)'),
  load: () => import('../actions/runs-show.js'),
})

/** `pitwall runs`. */
export const runsCommand = defineCommand({
  name: 'runs',
  describe: (cmd) =>
    cmd
      .description(
        'pipeline and promotion runs of the target, newest first (with --json: each with its assets)',
      )
      .option('--last <n>', 'only the newest n runs')
      .option('--markdown', 'Markdown (for a CI job summary, e.g. >> "$GITHUB_STEP_SUMMARY")'),
  load: () => import('../actions/runs.js'),
  subcommands: [showCommand],
})
