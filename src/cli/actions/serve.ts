/**
 * @module cli/actions/serve
 * `pitwall serve`: serves the API and dashboard ({@link startServer}) until Ctrl-C, `kill`, or
 * the parent process going away. A taken port is one line and exit 2.
 */
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import type { ServeFlags } from '../commands/serve.js'
import { startServer } from '../wiring/serve-server.js'
import { untilStopped } from '../wiring/server-lifetime.js'

/** Runs `pitwall serve`. */
export async function run(ctx: CliContext, { opts }: ActionInput<ServeFlags>): Promise<void> {
  const server = await startServer(ctx, opts)
  try {
    const { url, catalog } = server
    ctx.emit(
      { url, api: `${url}/api`, docs: `${url}/api/docs`, catalog, pid: process.pid },
      `pitwall serve: ${url} (API ${url}/api, reference ${url}/api/docs, catalog ${catalog}); Ctrl-C to stop`,
    )
    const reason = await untilStopped()
    ctx.logger.info(`serve stopped (${reason})`)
  } finally {
    await server.close()
  }
}
