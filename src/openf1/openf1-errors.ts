/**
 * @module openf1/openf1-errors
 * The closed set of errors the OpenF1 layer throws (STYLE.md §8). Expected outcomes (an empty
 * result, a session that failed after retries) are status objects, not errors.
 */
import { WarehouseError, type WarehouseErrorOptions } from '../core/index.js'

/** Base class of the OpenF1 layer's errors. */
export class OpenF1Error extends WarehouseError {}

/** The API answered with a non-success status that is not retried (or retries ran out). */
export class OpenF1HttpError extends OpenF1Error {
  /** HTTP status code. */
  readonly status: number
  /** The start of the response body (never credentials). */
  readonly body: string

  constructor(status: number, url: string, body: string, options: WarehouseErrorOptions = {}) {
    super('openf1-http', `OpenF1 answered ${status} for ${url}: ${body.slice(0, 200)}`, {
      ...options,
      context: { status, url, ...options.context },
    })
    this.status = status
    this.body = body.slice(0, 2000)
  }
}

/** 401 while a session is live: unauthenticated requests are locked out (API.md §2). */
export class LiveSessionLockedError extends OpenF1Error {
  constructor(url: string) {
    super(
      'openf1-live-lockout',
      `OpenF1 refused ${url} with 401: a session is live, and during a live session (about 30 min before the start to 30 min after the end) the API only answers authenticated requests, historical data included.`,
      {
        context: { url },
        hint: 'Wait until about 30 minutes after the session ends, or set OPENF1_USERNAME and OPENF1_PASSWORD (sponsor tier) to authenticate.',
      },
    )
  }
}

/** The query asked for too much at once (422); the caller should split it, not retry it. */
export class QueryTooLargeError extends OpenF1Error {
  constructor(url: string) {
    super('openf1-query-too-large', `OpenF1 answered 422 (too much data at once) for ${url}`, {
      context: { url },
      hint: 'Query location and car_data per driver_number and, if needed, per date window.',
    })
  }
}

/** A transient failure (timeout, reset, truncated body, 429, 5xx) that outlived its retries. */
export class TransientFailureError extends OpenF1Error {
  /** Attempts made. */
  readonly attempts: number

  constructor(url: string, attempts: number, reason: string, options: WarehouseErrorOptions = {}) {
    super('openf1-transient', `${url} failed after ${attempts} attempt(s): ${reason}`, {
      ...options,
      context: { url, attempts, ...options.context },
      hint: 'The API may be busy: re-run later (complete files are kept), raise --retries, or lower --rate.',
    })
    this.attempts = attempts
  }
}

/**
 * Nothing answers at the base URL: the connection was refused or the host name does not resolve,
 * on every attempt. Unlike a busy API, more retries will not help: the URL or the server is wrong.
 */
export class OpenF1UnreachableError extends OpenF1Error {
  constructor(url: string, attempts: number, reason: string) {
    const origin = originOf(url)
    super(
      'openf1-unreachable',
      `nothing answers at ${origin} (${reason}; ${attempts} attempt(s))`,
      {
        context: { url, attempts },
        hint: 'Check --base-url: a replay server prints its URL when it starts (pitwall replay --data DIR --port N); for the real API, check the network.',
      },
    )
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

/** Authentication with OPENF1_USERNAME/OPENF1_PASSWORD failed. */
export class OpenF1AuthError extends OpenF1Error {
  constructor(message: string, options: WarehouseErrorOptions = {}) {
    super('openf1-auth', message, {
      ...options,
      hint: 'Check OPENF1_USERNAME and OPENF1_PASSWORD (the sponsor tier account), or unset both to use the free tier.',
    })
  }
}

/** The replay server or simulator got a data directory it cannot use. */
export class OpenF1DataError extends OpenF1Error {
  constructor(message: string, options: WarehouseErrorOptions = {}) {
    super('openf1-data', message, options)
  }
}
