/**
 * @module cli/wiring/databricks-runtime
 * The composition root's Databricks branch (issue 17): a `type: databricks` target connects the
 * `@databricks/sql` driver with a token from the environment variable its `token_env` names
 * (default `DATABRICKS_TOKEN`) or an OAuth M2M service principal (`DATABRICKS_CLIENT_ID`,
 * `DATABRICKS_CLIENT_SECRET`) — never from profiles.yml — and runs the project through the
 * Databricks warehouse. Statements are logged at debug level.
 */
import {
  DatabricksConfigError,
  DatabricksEngine,
  connectDatabricks,
  type DatabricksConnection,
} from '../../engine/index.js'
import {
  DatabricksWarehouse,
  databricksLayouts,
  type ParsedProject,
} from '../../transform/index.js'
import { ConfigError, type DatabricksOutputConfig } from '../../core/index.js'
import type { CliContext } from '../context.js'
import { loadConfig } from './load-config.js'

/** The connection of a Databricks output: host and path from the file, secrets from `env`. */
export function databricksConnection(
  output: DatabricksOutputConfig,
  env: Readonly<Record<string, string | undefined>>,
): DatabricksConnection {
  const token = env[output.token_env]
  const id = env['DATABRICKS_CLIENT_ID']
  const secret = env['DATABRICKS_CLIENT_SECRET']
  return {
    host: output.host,
    httpPath: output.http_path,
    ...(token === undefined || token === '' ? {} : { token }),
    ...(id === undefined || secret === undefined
      ? {}
      : { oauthClientId: id, oauthClientSecret: secret }),
  }
}

/** Connects the `@databricks/sql` driver to a Databricks output's SQL warehouse. */
export async function openDatabricksEngine(
  ctx: CliContext,
  output: DatabricksOutputConfig,
): Promise<DatabricksEngine> {
  let client
  try {
    client = await connectDatabricks(databricksConnection(output, ctx.io.env))
  } catch (error) {
    if (error instanceof DatabricksConfigError) throw error
    throw new DatabricksConfigError(
      `cannot connect to Databricks at ${output.host}: ${(error as Error).message}`,
      "check host and http_path in profiles.yml (copy them from the SQL warehouse's connection details) and the credentials",
    )
  }
  return DatabricksEngine.open({
    client,
    catalog: output.catalog,
    onStatement: (sql) => ctx.logger.debug(sql),
  })
}

/** The target's output when it is a Databricks one. */
export async function databricksOutput(
  ctx: CliContext,
  target: string | undefined,
): Promise<DatabricksOutputConfig> {
  const config = await loadConfig({
    projectDir: ctx.projectDir,
    profilesDir: ctx.profilesDir,
    ...(target === undefined ? {} : { target }),
    env: ctx.io.env,
  })
  const output = config.output
  if (output.type !== 'databricks') {
    throw new ConfigError(`target '${config.targetName}' is not a databricks output`, [])
  }
  return output
}

/** Connects to the target's SQL warehouse and opens the Databricks warehouse on it. */
export async function openDatabricksRuntime(
  ctx: CliContext,
  project: ParsedProject,
): Promise<{ warehouse: DatabricksWarehouse; close: () => Promise<void> }> {
  const output = await databricksOutput(ctx, project.target.name)
  const engine = await openDatabricksEngine(ctx, output)
  const warehouse = new DatabricksWarehouse({
    engine,
    home: ctx.home,
    catalog: output.catalog,
    layouts: databricksLayouts(project),
    onWarning: (message) => ctx.logger.warn(message),
  })
  return { warehouse, close: () => engine.close() }
}
