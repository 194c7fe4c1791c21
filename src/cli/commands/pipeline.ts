/**
 * @module cli/commands/pipeline
 * `pitwall pipeline`: discover → extract → load → build the selected sessions as one run with
 * history, retries, locks and resume.
 */
import { collect, defineCommand } from '../command-spec.js'
import { OPENF1_BASE_URL_HELP } from './extract.js'

/** `pitwall pipeline`. */
export const pipelineCommand = defineCommand({
  name: 'pipeline',
  describe: (cmd) =>
    cmd
      .description(
        'OpenF1 → landing → bronze → silver/gold for the selected sessions, as one run with history (pitwall runs); a run with nothing new writes nothing',
      )
      .option(
        '--base-url <url>',
        `API base URL (default ${OPENF1_BASE_URL_HELP}; a replay server's URL works)`,
      )
      .option('--year <year>', 'season, e.g. 2024 (default: vars.seasons of dbt_project.yml)')
      .option('--meeting <name|key>', 'meeting key, or part of its name, country or location')
      .option(
        '--session <name|key>',
        'session key or name (Race, Qualifying, …); repeatable',
        collect,
      )
      .option('--from <date>', 'sessions starting on or after this date (YYYY-MM-DD)')
      .option('--to <date>', 'sessions starting on or before this date (YYYY-MM-DD)')
      .option('--endpoints <list>', 'endpoints to extract and load, comma-separated, or all', 'all')
      .option(
        '--rate <windows>',
        'request rate windows, e.g. 3/s,30/min (free tier) or 6/s,60/min',
        '3/s,30/min',
      )
      .option('--concurrency <n>', 'requests in flight at once', '4')
      .option('--retries <n>', 'attempts per request, the first included', '3')
      .option('--timeout <seconds>', 'per-request timeout', '60')
      .option('--threads <n>', 'models built at once (default: the target’s threads)')
      .option(
        '--resume <run-id>',
        'resume a failed or interrupted run: redo only what failed or never finished',
      )
      .option(
        '--wait',
        'wait for runs holding the same sessions (or the build) instead of stopping',
      ),
  load: () => import('../actions/pipeline.js'),
})
