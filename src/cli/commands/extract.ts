/**
 * @module cli/commands/extract
 * `pitwall extract`: OpenF1 (or a replay server) → `<home>/landing` + manifest.
 */
import { collect, defineCommand } from '../command-spec.js'

/**
 * The API's address as help shows it. The openf1 layer's `OPENF1_BASE_URL` is the value used;
 * a spec may not load that layer, and `cli-specs.test.ts` checks the two agree.
 */
export const OPENF1_BASE_URL_HELP = 'https://api.openf1.org/v1'

/** `pitwall extract`. */
export const extractCommand = defineCommand({
  name: 'extract',
  describe: (cmd) =>
    cmd
      .description(
        'OpenF1 → landing zone (JSON files + manifest): rate-limited, retried, resumable',
      )
      .option(
        '--base-url <url>',
        `API base URL (default ${OPENF1_BASE_URL_HELP}; a pitwall replay server's URL works)`,
      )
      .option('--year <year>', 'season, e.g. 2024')
      .option('--meeting <name|key>', 'meeting key, or part of its name, country or location')
      .option(
        '--session <name|key>',
        'session key or name (Race, Qualifying, …); repeatable',
        collect,
      )
      .option('--from <date>', 'sessions starting on or after this date (YYYY-MM-DD)')
      .option('--to <date>', 'sessions starting on or before this date (YYYY-MM-DD)')
      .option('--endpoints <list>', 'endpoints to extract, comma-separated, or all', 'all')
      .option(
        '--rate <windows>',
        'request rate windows, e.g. 3/s,30/min (free tier) or 6/s,60/min',
        '3/s,30/min',
      )
      .option('--concurrency <n>', 'requests in flight at once', '4')
      .option('--retries <n>', 'attempts per request, the first included', '3')
      .option('--timeout <seconds>', 'per-request timeout', '60')
      .option('--refresh', 'fetch again what is already complete in the landing zone'),
  load: () => import('../actions/extract.js'),
})
