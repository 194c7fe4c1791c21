/**
 * @module serve/serve-options
 * What the API is built with (everything concrete is built by the CLI and passed in) and what a
 * request carries through the middleware (its id, its identity, its audit context).
 */
import type {
  AccessControl,
  CatalogStorage,
  Environment,
  GovernedReader,
  Identity,
  ReadContext,
} from '../catalog/index.js'
import type { Logger } from '../core/index.js'

/** Limits of the API (each read is also bound by the reader's defaults). */
export interface ServeLimits {
  /** Rows a JSON answer or `POST /api/sql` returns at most. */
  readonly maxRows: number
  /** Time limit of one read (ms). */
  readonly timeoutMs: number
  /** Rows an export streams at most. */
  readonly exportMaxRows: number
  /** Time limit of an export, including the client's download (ms). */
  readonly exportTimeoutMs: number
  /** Largest request body (bytes). */
  readonly maxBodyBytes: number
}

/** Defaults of {@link ServeLimits}. */
export const DEFAULT_SERVE_LIMITS: ServeLimits = {
  maxRows: 10_000,
  timeoutMs: 30_000,
  exportMaxRows: 5_000_000,
  exportTimeoutMs: 300_000,
  maxBodyBytes: 64 * 1024,
}

/** Options of {@link createApi}. */
export interface ServeOptions {
  /** The governed read path (sandboxed lakehouse engine, grants, audit). */
  readonly reader: GovernedReader
  /** Reads Delta metadata (versions, history, schemas) and writes exports' temp files. */
  readonly storage: CatalogStorage
  /** Every environment served; the first is the default catalog. */
  readonly environments: readonly Environment[]
  /** The catalog two-part SQL names resolve in. */
  readonly defaultCatalog: string
  /** The transform artifacts folder (`manifest.json`, `run_results.json`, `sources.json`). */
  readonly artifactsDir: string
  /** A folder for Parquet exports in progress (inside the engine's allowed directories). */
  readonly exportDir: string
  /** The built dashboard (`web/dist`), served at `/` when it exists. */
  readonly webRoot?: string
  readonly limits: ServeLimits
  /** pitwall's version, for `/api/health` and the OpenAPI document. */
  readonly version: string
  /** Where internal errors are logged (never sent to clients). */
  readonly logger?: Logger
}

/** What middleware puts on each request. */
export interface ServeVariables {
  /** The request id (also `X-Request-Id` and the audit log's `request_id`). */
  requestId: string
  /** The authenticated principal (absent on the open routes). */
  identity: Identity
  /** The client's address. */
  clientAddress: string | null
  /** Set once something wrote the request's audit record. */
  audited: boolean
  /** The route template (`GET /api/sessions/{session_key}/leaderboard`). */
  route: string
}

/** The Hono environment of the API. */
export interface ServeEnv {
  Variables: ServeVariables
}

/** The audit context of a request for an action. */
export type RequestAudit = (action: string) => ReadContext

/** The access control of the reader (shorthand). */
export function accessOf(options: ServeOptions): AccessControl {
  return options.reader.access
}
