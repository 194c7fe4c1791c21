/**
 * @module openf1/replay/replay-server
 * `pitwall replay`: an OpenF1-compatible HTTP server (127.0.0.1) over recorded or simulated data,
 * with the API's rate limit (429 and its real body) and seeded fault injection (5xx, connection
 * resets, truncated bodies, slow answers). Tests and the demo start it in-process on port 0.
 *
 * Order per request: count the arrival → rate check (429) → auth (401) → fault → answer.
 * `GET /_replay/stats` returns {@link ReplayStats} (not counted), for benchmarks and monitoring.
 */
import { readdirSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import type { Logger } from '../../core/index.js'
import { PortInUseError, SILENT_LOGGER } from '../../core/index.js'
import type { RateWindow } from '../client/rate-spec.js'
import type { OpenF1Credentials } from '../client/token-provider.js'
import { FAULT_STATUSES, pickFault, type FaultKind } from './replay-faults.js'
import { answerQuery } from './replay-handler.js'
import { ReplayData } from './replay-data.js'

/** Options of {@link startReplayServer}. */
export interface ReplayServerOptions {
  /** Folder in the layout of `../shared/openf1/v1`. */
  readonly dataDir: string
  /** Port (default 0: an ephemeral one). */
  readonly port?: number
  /** Windows above which requests get 429 (default: none). */
  readonly rate?: readonly RateWindow[]
  /** Share of requests that get a fault, 0–1 (default 0). */
  readonly faultRate?: number
  /** Seed of the fault injection (default 1). */
  readonly seed?: number
  /** Delay of a "slow" fault in ms (default 1500). */
  readonly slowMs?: number
  /** Answer 422 when a result would exceed this many records (default: unlimited). */
  readonly maxRows?: number
  /** When set, `/v1` needs a bearer token from `POST /token` (live-session lockout otherwise). */
  readonly credentials?: OpenF1Credentials
  readonly logger?: Logger
  /**
   * Re-index the data directory when it changes (its folders' modification times), so a folder
   * that grows while the server runs (sessions added by a simulator or a sync) is served as it
   * is now. Off by default: recordings do not change.
   */
  readonly reloadData?: boolean
}

/** What the server saw; read it in tests and reports. */
export interface ReplayStats {
  /** Every request to `/v1`, rejected ones included. */
  requests: number
  /** Arrival times (ms, `performance.now()`) of every `/v1` request. */
  readonly arrivals: number[]
  served: number
  notFound: number
  rateLimited: number
  unauthorized: number
  readonly faults: Record<Exclude<FaultKind, 'none'>, number>
  /** Requests per endpoint. */
  readonly byEndpoint: Record<string, number>
}

/** A running replay server. */
export interface ReplayServer {
  /** Base URL of the API, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string
  readonly port: number
  readonly stats: ReplayStats
  /** Stops listening and drops open connections. */
  close(): Promise<void>
}

const LIVE_BODY =
  '{"detail":"Session in progress, access is restricted to authenticated users. See https://openf1.org/auth.html"}'

function rateBody(w: RateWindow): string {
  const unit =
    w.windowMs === 1000 ? 'second' : w.windowMs === 60_000 ? 'minute' : `${w.windowMs / 1000}s`
  return JSON.stringify({
    detail: `Rate limit exceeded. Max ${w.limit} requests/${unit}.`,
    error: 'Too Many Requests',
  })
}

/** Starts the server on 127.0.0.1. */
export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  let data = new ReplayData(options.dataDir)
  let signature = options.reloadData === true ? dataSignature(options.dataDir) : ''
  const logger = options.logger ?? SILENT_LOGGER
  const seed = options.seed ?? 1
  const faultRate = options.faultRate ?? 0
  const seen = new Map<string, number>()
  const accepted: number[] = []
  const tokens = new Set<string>()
  const stats: ReplayStats = {
    requests: 0,
    arrivals: [],
    served: 0,
    notFound: 0,
    rateLimited: 0,
    unauthorized: 0,
    faults: { 'status-5xx': 0, reset: 0, truncated: 0, slow: 0 },
    byEndpoint: {},
  }

  const send = (res: ServerResponse, status: number, type: string, body: string): void => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
    res.end(body)
  }

  const overLimit = (now: number): RateWindow | undefined => {
    for (const w of options.rate ?? []) {
      let n = 0
      for (let i = accepted.length - 1; i >= 0 && (accepted[i] ?? 0) > now - w.windowMs; i--) n++
      if (n >= w.limit) return w
    }
    return undefined
  }

  const handleToken = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let raw = ''
    for await (const chunk of req) raw += String(chunk)
    const form = new URLSearchParams(raw)
    const want = options.credentials
    if (
      want === undefined ||
      form.get('username') !== want.username ||
      form.get('password') !== want.password
    ) {
      send(res, 401, 'application/json', '{"detail":"Invalid username or password"}')
      return
    }
    const token = randomBytes(16).toString('hex')
    tokens.add(token)
    send(
      res,
      200,
      'application/json',
      JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: '3600' }),
    )
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://replay')
    if (url.pathname === '/token' && req.method === 'POST') return handleToken(req, res)
    if (url.pathname === '/_replay/stats') {
      send(res, 200, 'application/json', JSON.stringify(stats))
      return
    }
    const m = /^\/v1\/([a-z_]+)\/?$/.exec(url.pathname)
    if (m?.[1] === undefined) {
      send(res, 500, 'text/html', '<h1>An error occurred</h1><pre>unknown path</pre>')
      return
    }
    const endpoint = m[1]
    const now = performance.now()
    stats.requests++
    stats.arrivals.push(now)
    stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1
    const limited = overLimit(now)
    if (limited !== undefined) {
      stats.rateLimited++
      send(res, 429, 'application/json', rateBody(limited))
      return
    }
    accepted.push(now)
    if (accepted.length > 10_000) accepted.splice(0, accepted.length - 5_000)
    if (options.credentials !== undefined) {
      const auth = req.headers.authorization ?? ''
      if (!tokens.has(auth.replace(/^Bearer\s+/i, ''))) {
        stats.unauthorized++
        send(res, 401, 'application/json', LIVE_BODY)
        return
      }
    }
    const key = `${url.pathname}${url.search}`
    const nth = seen.get(key) ?? 0
    seen.set(key, nth + 1)
    const fault = pickFault(seed, faultRate, key, nth)
    if (fault.kind !== 'none') stats.faults[fault.kind]++
    if (fault.kind === 'reset') {
      req.socket.destroy()
      return
    }
    if (fault.kind === 'status-5xx') {
      const f = FAULT_STATUSES[fault.variant % FAULT_STATUSES.length] ?? FAULT_STATUSES[0]
      if (f !== undefined) send(res, f.status, f.type, f.body)
      return
    }
    if (fault.kind === 'slow') {
      await new Promise((r) => setTimeout(r, options.slowMs ?? 1500))
    }
    if (options.reloadData === true) {
      const now = dataSignature(options.dataDir)
      if (now !== signature) {
        signature = now
        data = new ReplayData(options.dataDir)
      }
    }
    const answer = await answerQuery(data, endpoint, url.search.replace(/^\?/, ''), {
      ...(options.maxRows === undefined ? {} : { maxRows: options.maxRows }),
    })
    if (answer.status === 404) stats.notFound++
    else if (answer.status === 200) stats.served++
    if (fault.kind === 'truncated') {
      const bytes = Buffer.from(answer.body)
      res.writeHead(answer.status, { 'content-type': answer.type, 'content-length': bytes.length })
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)))
      setImmediate(() => req.socket.destroy())
      return
    }
    send(res, answer.status, answer.type, answer.body)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error(`replay: ${error instanceof Error ? error.message : String(error)}`)
      if (!res.headersSent) send(res, 500, 'text/html', '<h1>An error occurred</h1>')
      else res.destroy()
    })
  })
  server.keepAliveTimeout = 5000
  const wanted = options.port ?? 0
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      // A taken port is the user's to change (exit 2, one line), not a crash.
      const taken = error.code === 'EADDRINUSE' || error.code === 'EACCES'
      reject(
        taken
          ? new PortInUseError(wanted, '127.0.0.1', {
              cause: error,
              denied: error.code === 'EACCES',
            })
          : error,
      )
    })
    server.listen(wanted, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** The modification times of the data folder and its subfolders (they change as files come). */
function dataSignature(dir: string): string {
  const times = [String(statSync(dir).mtimeMs)]
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) times.push(`${e.name}:${statSync(join(dir, e.name)).mtimeMs}`)
  }
  return times.join('|')
}
