/**
 * @module cli/commands/schedule
 * `pitwall schedule`: a long-running process that runs the pipeline for each session that has
 * ended (after a delay) and on cron expressions; exactly once per session, across restarts.
 */
import { collect, collectRaw, defineCommand } from '../command-spec.js'
import { OPENF1_BASE_URL_HELP } from './extract.js'

/** `pitwall schedule`. */
export const scheduleCommand = defineCommand({
  name: 'schedule',
  describe: (cmd) =>
    cmd
      .description(
        'run the pipeline when sessions end (polls /sessions) and on cron expressions; stops cleanly on SIGTERM/Ctrl-C',
      )
      .option('--base-url <url>', `API base URL (default ${OPENF1_BASE_URL_HELP})`)
      .option('--year <year>', 'season to watch (default: vars.seasons of dbt_project.yml)')
      .option('--meeting <name|key>', 'only sessions of this meeting')
      .option('--session <name|key>', 'only these sessions (key or name); repeatable', collect)
      .option('--endpoints <list>', 'endpoints to extract and load, comma-separated, or all', 'all')
      .option(
        '--rate <windows>',
        'request rate windows (default the free tier, 3/s,30/min)',
        '3/s,30/min',
      )
      .option('--concurrency <n>', 'requests in flight at once', '4')
      .option('--retries <n>', 'attempts per request, the first included', '3')
      .option('--timeout <seconds>', 'per-request timeout', '60')
      .option('--threads <n>', 'models built at once (default: the target’s threads)')
      .option(
        '--delay <duration>',
        'wait this long after a session ends before running it (e.g. 30m, 2h)',
      )
      .option('--poll <duration>', 'time between ticks (e.g. 60s, 5m)')
      .option(
        '--cron <expression>',
        "also run on this cron expression (UTC), e.g. '0 6 * * 1'; repeatable",
        collectRaw,
      )
      .option(
        '--config <file>',
        'YAML with schedule: {delay, poll, cron: [...]} (default: schedule.yml in the project dir, if any)',
      )
      .option('--max-ticks <n>', 'stop after this many ticks (default: run until stopped)'),
  load: () => import('../actions/schedule.js'),
})
