/**
 * @module openf1/client/token-provider
 * Optional OAuth for the sponsor tier: `POST /token` (form: username, password) gives a bearer
 * token valid for an hour (API.md §2). The token is refreshed five minutes before it expires.
 * Credentials and tokens are never logged or put in errors.
 */
import { OpenF1AuthError } from '../openf1-errors.js'
import { SYSTEM_CLOCK, type Clock } from './clock.js'

/** Username and password of an OpenF1 account. */
export interface OpenF1Credentials {
  readonly username: string
  readonly password: string
}

/** Reads `OPENF1_USERNAME`/`OPENF1_PASSWORD`; `undefined` unless both are set. */
export function credentialsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): OpenF1Credentials | undefined {
  const username = env['OPENF1_USERNAME']
  const password = env['OPENF1_PASSWORD']
  if (username === undefined || username === '' || password === undefined || password === '') {
    return undefined
  }
  return { username, password }
}

/** The token endpoint for an API base URL (`https://api.openf1.org/v1` → `…/token`). */
export function tokenUrlFor(baseUrl: string): string {
  return new URL('/token', baseUrl).toString()
}

/** Fetches and caches a bearer token. */
export class TokenProvider {
  private token: string | undefined
  private expiresAt = 0
  private pending: Promise<string> | undefined
  private readonly refreshMarginMs = 5 * 60_000

  constructor(
    private readonly credentials: OpenF1Credentials,
    private readonly tokenUrl: string,
    private readonly clock: Clock = SYSTEM_CLOCK,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  /** A valid token, fetching a new one when none is cached or it expires within 5 minutes. */
  async get(): Promise<string> {
    if (this.token !== undefined && this.clock.now() < this.expiresAt - this.refreshMarginMs) {
      return this.token
    }
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined))
    return this.pending
  }

  /** Forgets the cached token (after a 401), so the next `get` fetches a new one. */
  invalidate(): void {
    this.token = undefined
  }

  private async fetchToken(): Promise<string> {
    const body = new URLSearchParams({
      username: this.credentials.username,
      password: this.credentials.password,
    })
    let res: Response
    try {
      res = await this.fetchFn(this.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
        signal: AbortSignal.timeout(30_000),
      })
    } catch (error) {
      throw new OpenF1AuthError(`could not reach ${this.tokenUrl} to authenticate`, {
        cause: error,
      })
    }
    const text = await res.text().catch(() => '')
    if (!res.ok) {
      throw new OpenF1AuthError(`authentication at ${this.tokenUrl} failed with ${res.status}`, {
        context: { status: res.status },
      })
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    const token = (parsed as { access_token?: unknown } | undefined)?.access_token
    const expires = Number((parsed as { expires_in?: unknown } | undefined)?.expires_in ?? 3600)
    if (typeof token !== 'string' || token === '') {
      throw new OpenF1AuthError(`${this.tokenUrl} answered without an access_token`)
    }
    this.token = token
    this.expiresAt = this.clock.now() + (Number.isFinite(expires) ? expires : 3600) * 1000
    return token
  }
}
