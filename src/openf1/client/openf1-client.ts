/**
 * @module openf1/client/openf1-client
 * The OpenF1 HTTP client: Node's `fetch`, a shared multi-window rate limiter, bounded
 * concurrency, retries with backoff and jitter, and optional OAuth.
 *
 * Outcomes per request: records (200), an empty result (404 "No results found."), or a typed
 * error: {@link QueryTooLargeError} (422, split the query), {@link LiveSessionLockedError} (401),
 * {@link TransientFailureError} (retries exhausted), {@link OpenF1UnreachableError} (nothing
 * answers at the address on any attempt), {@link OpenF1HttpError} (anything else).
 */
import type { Logger } from '../../core/index.js'
import { SILENT_LOGGER } from '../../core/index.js'
import {
  LiveSessionLockedError,
  OpenF1HttpError,
  OpenF1UnreachableError,
  QueryTooLargeError,
  TransientFailureError,
} from '../openf1-errors.js'
import { SYSTEM_CLOCK, type Clock } from './clock.js'
import { Semaphore } from './concurrency.js'
import { buildUrl, type Filter } from './query.js'
import { RateLimiter } from './rate-limiter.js'
import { FREE_TIER_RATE, type RateWindow } from './rate-spec.js'
import {
  DEFAULT_RETRY_POLICY,
  backoffDelay,
  isRetryableStatus,
  parseRetryAfter,
  unreachableReason,
  type RetryPolicy,
} from './retry-policy.js'
import type { TokenProvider } from './token-provider.js'

/** The public API. */
export const OPENF1_BASE_URL = 'https://api.openf1.org/v1'

/** Options of {@link OpenF1Client}. */
export interface OpenF1ClientOptions {
  /** Base URL, e.g. `https://api.openf1.org/v1` or a replay server's `/v1`. */
  readonly baseUrl?: string
  /** Rate windows shared by all requests (default: the free tier, 3/s and 30/min). */
  readonly rate?: readonly RateWindow[]
  /** Retry policy (default: 3 attempts). */
  readonly retry?: Partial<RetryPolicy>
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number
  /** Per-attempt timeout in ms, body included (default 60 000). */
  readonly timeoutMs?: number
  /** Clock for the limiter and backoff (tests use a fake one). */
  readonly clock?: Clock
  /** Random numbers in [0, 1) for jitter (tests pass a seeded one). */
  readonly random?: () => number
  /** Bearer tokens, when authenticating. */
  readonly tokens?: TokenProvider
  readonly logger?: Logger
  /** Extra ms added to every rate window (default 5). */
  readonly rateSafetyMs?: number
  /** Injectable fetch (default: the global one). */
  readonly fetch?: typeof fetch
}

/** The outcome of one successful (or empty) request. */
export interface FetchOutcome {
  readonly url: string
  /** 200, or 404 for an empty result. */
  readonly status: number
  /** The body exactly as received (`[]` for a 404). */
  readonly body: string
  /** The parsed records. */
  readonly records: readonly unknown[]
  /** Attempts used (1 when the first one worked). */
  readonly attempts: number
}

/** Counters for reports and tests. */
export interface ClientStats {
  requests: number
  retries: number
  rateLimited: number
  bytes: number
}

class RetryableFailure extends Error {
  constructor(
    readonly reason: string,
    readonly retryAfterMs?: number,
    /** Nothing answered at the address (connection refused, unknown host). */
    readonly unreachable = false,
  ) {
    super(reason)
  }
}

/** Talks to OpenF1 (or a compatible server). Safe to share across concurrent callers. */
export class OpenF1Client {
  readonly baseUrl: string
  readonly stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0, bytes: 0 }
  private readonly limiter: RateLimiter
  private readonly retry: RetryPolicy
  private readonly sem: Semaphore
  private readonly timeoutMs: number
  private readonly clock: Clock
  private readonly random: () => number
  private readonly tokens: TokenProvider | undefined
  private readonly logger: Logger
  private readonly fetchFn: typeof fetch

  constructor(options: OpenF1ClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? OPENF1_BASE_URL
    this.clock = options.clock ?? SYSTEM_CLOCK
    this.limiter = new RateLimiter({
      windows: options.rate ?? FREE_TIER_RATE,
      clock: this.clock,
      ...(options.rateSafetyMs === undefined ? {} : { safetyMs: options.rateSafetyMs }),
    })
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry }
    this.sem = new Semaphore(options.concurrency ?? 4)
    this.timeoutMs = options.timeoutMs ?? 60_000
    this.random = options.random ?? Math.random
    this.tokens = options.tokens
    this.logger = options.logger ?? SILENT_LOGGER
    this.fetchFn = options.fetch ?? fetch
  }

  /** GETs `/<endpoint>?<filters>`; see the module doc for the outcomes. */
  get(endpoint: string, filters: readonly Filter[]): Promise<FetchOutcome> {
    const url = buildUrl(this.baseUrl, endpoint, filters)
    return this.sem.run(() => this.getWithRetries(url))
  }

  private async getWithRetries(url: string): Promise<FetchOutcome> {
    let reauthenticated = false
    for (let attempt = 1; ; attempt++) {
      try {
        return { ...(await this.attempt(url)), attempts: attempt }
      } catch (error) {
        if (
          error instanceof LiveSessionLockedError &&
          this.tokens !== undefined &&
          !reauthenticated
        ) {
          // The token may have expired early: fetch a new one once.
          this.tokens.invalidate()
          reauthenticated = true
          attempt--
          continue
        }
        if (!(error instanceof RetryableFailure)) throw error
        if (attempt >= this.retry.attempts) {
          if (error.unreachable) throw new OpenF1UnreachableError(url, attempt, error.reason)
          throw new TransientFailureError(url, attempt, error.reason)
        }
        const delay = backoffDelay(this.retry, attempt, this.random, error.retryAfterMs)
        this.stats.retries++
        this.logger.debug(`retrying ${url} in ${Math.round(delay)} ms (${error.reason})`, {
          attempt,
        })
        await this.clock.sleep(delay)
      }
    }
  }

  /** One attempt: rate slot, request, classification. */
  private async attempt(url: string): Promise<Omit<FetchOutcome, 'attempts'>> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (this.tokens !== undefined) headers['authorization'] = `Bearer ${await this.tokens.get()}`
    const release = await this.limiter.acquire()
    this.stats.requests++
    let res: Response
    let body: string
    try {
      try {
        res = await this.fetchFn(url, { headers, signal: AbortSignal.timeout(this.timeoutMs) })
      } finally {
        // The server has seen the request once its answer's headers are here: from now on the
        // request only needs to count for one window (see rate-limiter.ts).
        release()
      }
      body = await res.text()
    } catch (error) {
      const unreachable = unreachableReason(networkErrorCode(error))
      throw new RetryableFailure(
        unreachable ?? describeNetworkError(error),
        undefined,
        unreachable !== undefined,
      )
    }
    this.stats.bytes += body.length
    if (res.status === 200) {
      let parsed: unknown
      try {
        parsed = JSON.parse(body)
      } catch {
        throw new RetryableFailure(`truncated or malformed body (${body.length} chars)`)
      }
      if (!Array.isArray(parsed)) {
        throw new OpenF1HttpError(200, url, body, { hint: 'Expected a JSON array of records.' })
      }
      return { url, status: 200, body, records: parsed }
    }
    if (res.status === 404) return { url, status: 404, body: '[]', records: [] }
    if (res.status === 401) throw new LiveSessionLockedError(url)
    if (res.status === 422) throw new QueryTooLargeError(url)
    if (isRetryableStatus(res.status)) {
      if (res.status === 429) this.stats.rateLimited++
      const retryAfter = parseRetryAfter(res.headers.get('retry-after'), Date.now())
      throw new RetryableFailure(`HTTP ${res.status} ${body.slice(0, 80).trim()}`, retryAfter)
    }
    throw new OpenF1HttpError(res.status, url, body)
  }
}

/** The system error code behind a failed `fetch` (`ECONNREFUSED`, `ENOTFOUND`, …). */
function networkErrorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: unknown } | undefined)?.cause
  const code = (cause as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? code : undefined
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timed out'
    const cause = (error as { cause?: unknown }).cause
    const code = (cause as { code?: unknown } | undefined)?.code
    if (typeof code === 'string') return `${error.message} (${code})`
    if (cause instanceof Error) return `${error.message} (${cause.message})`
    return error.message
  }
  return String(error)
}
