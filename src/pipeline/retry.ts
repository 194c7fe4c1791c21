/**
 * @module pipeline/retry
 * Per-asset retries with exponential backoff and jitter (Dagster's `RetryPolicy(max_retries,
 * delay, backoff, jitter)`). The step decides what is worth retrying: it returns a status object,
 * and `retryable` says whether that status should be tried again.
 */

/** How a step is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included (≥ 1). */
  readonly attempts: number
  /** Delay before the second attempt, in ms. */
  readonly delayMs: number
  /** Factor applied to the delay after each attempt. */
  readonly backoff: number
  /** Random share of the delay added or removed (0–1). */
  readonly jitter: number
}

/** Three attempts, 1 s then 2 s apart (±20 %). */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, delayMs: 1000, backoff: 2, jitter: 0.2 }

/** The delay before attempt `attempt` (2, 3, …). */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const base = policy.delayMs * policy.backoff ** Math.max(0, attempt - 2)
  return Math.max(0, Math.round(base * (1 + policy.jitter * (2 * random() - 1))))
}

/** Options of {@link withRetries}. */
export interface WithRetriesOptions<T> {
  readonly policy: RetryPolicy
  /** True when this outcome (or thrown error) should be tried again. */
  readonly retryable: (outcome: { value?: T; error?: unknown }) => boolean
  /** Called before each retry with the attempt about to start and the wait. */
  readonly onRetry?: (
    attempt: number,
    delayMs: number,
    last: { value?: T; error?: unknown },
  ) => void
  readonly sleep?: (ms: number) => Promise<void>
}

/** Runs `fn(attempt)` until it succeeds or the attempts run out; returns the last outcome. */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  options: WithRetriesOptions<T>,
): Promise<{ value: T; attempts: number }> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  for (let attempt = 1; ; attempt++) {
    let outcome: { value?: T; error?: unknown }
    try {
      outcome = { value: await fn(attempt) }
    } catch (error) {
      outcome = { error }
    }
    const again = attempt < options.policy.attempts && options.retryable(outcome)
    if (!again) {
      if ('error' in outcome) throw outcome.error
      return { value: outcome.value as T, attempts: attempt }
    }
    const delay = retryDelayMs(options.policy, attempt + 1)
    options.onRetry?.(attempt + 1, delay, outcome)
    await sleep(delay)
  }
}
