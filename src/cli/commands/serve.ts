/**
 * @module cli/commands/serve
 * `pitwall serve [--port 8080] [--host 127.0.0.1]`: the read-only API, SQL endpoint and dashboard.
 */
import { defineCommand } from '../command-spec.js'

/** `pitwall serve`. */
export const serveCommand = defineCommand({
  name: 'serve',
  describe: (cmd) =>
    cmd
      .description(
        'serve the read-only API, SQL endpoint and dashboard (bearer tokens, grants, audit log)',
      )
      .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
      .option('--host <address>', 'address to listen on', '127.0.0.1')
      .option('--max-rows <n>', 'rows a JSON answer or SQL query returns at most', '10000')
      .option('--timeout <seconds>', 'cancel a read after this long', '30')
      .option(
        '--memory-limit <size>',
        'DuckDB memory limit, e.g. 2GB (default: PITWALL_MEMORY_LIMIT or 2GB)',
      ),
  load: () => import('../actions/serve.js'),
})
