/**
 * @module engine/databricks/driver
 * The part of the `@databricks/sql` driver (2.0) pitwall uses, as structural types: a client
 * that opens sessions, a session that executes statements, an operation that yields rows and a
 * schema. {@link connectDatabricks} builds the real one (the driver is loaded only then); the
 * contract tests pass a recording fake of the same shapes — no Databricks is reachable from CI.
 */
import { ConfigError } from '../../core/index.js'

/** A column of an operation's schema (the driver's `TColumnDesc`, reduced). */
export interface DriverColumn {
  readonly columnName: string
  readonly typeDesc?: {
    readonly types: readonly { readonly primitiveEntry?: { readonly type: number } }[]
  }
}

/** `IOperation`: a statement's result. */
export interface DatabricksOperation {
  fetchAll(): Promise<object[]>
  getSchema(): Promise<{ readonly columns: readonly DriverColumn[] } | null>
  close(): Promise<unknown>
}

/** `IDBSQLSession`. */
export interface DatabricksSession {
  executeStatement(
    statement: string,
    options?: { readonly queryTimeout?: number; readonly maxRows?: number },
  ): Promise<DatabricksOperation>
  close(): Promise<unknown>
}

/** `IDBSQLClient` after `connect`. */
export interface DatabricksClient {
  openSession(request?: {
    readonly initialCatalog?: string
    readonly initialSchema?: string
  }): Promise<DatabricksSession>
  close(): Promise<unknown>
}

/** How to reach a SQL warehouse. Secrets come from the environment, never from profiles.yml. */
export interface DatabricksConnection {
  /** Workspace host, e.g. `dbc-1234.cloud.databricks.com` (no scheme). */
  readonly host: string
  /** The warehouse's HTTP path, `/sql/1.0/warehouses/<id>`. */
  readonly httpPath: string
  /** A personal access token, or … */
  readonly token?: string
  /** … an OAuth M2M service principal. */
  readonly oauthClientId?: string
  readonly oauthClientSecret?: string
}

/** No credentials, or the warehouse cannot be reached as configured. Exit code 2. */
export class DatabricksConfigError extends ConfigError {
  constructor(message: string, hint: string) {
    super(message, [], { hint })
  }
}

/**
 * The driver's connect options for `conn`: a token (`access-token`) or OAuth M2M
 * (`databricks-oauth` with client id and secret). Throws when neither is set.
 */
export function connectOptions(conn: DatabricksConnection): Record<string, unknown> {
  const base = { host: conn.host.replace(/^https?:\/\//, ''), path: conn.httpPath }
  if (conn.token !== undefined && conn.token !== '') {
    return { ...base, authType: 'access-token', token: conn.token }
  }
  if (conn.oauthClientId !== undefined && conn.oauthClientSecret !== undefined) {
    return {
      ...base,
      authType: 'databricks-oauth',
      oauthClientId: conn.oauthClientId,
      oauthClientSecret: conn.oauthClientSecret,
    }
  }
  throw new DatabricksConfigError(
    `no credentials for Databricks host ${conn.host}`,
    'set DATABRICKS_TOKEN (or the variable named by token_env), or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET for a service principal',
  )
}

/** Connects the real driver (`@databricks/sql`, loaded on first use). */
export async function connectDatabricks(conn: DatabricksConnection): Promise<DatabricksClient> {
  const options = connectOptions(conn)
  const { DBSQLClient } = await import('@databricks/sql')
  const client = new DBSQLClient()
  await client.connect(options as unknown as Parameters<typeof client.connect>[0])
  return client as unknown as DatabricksClient
}
