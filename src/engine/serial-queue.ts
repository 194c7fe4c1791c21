/**
 * @module engine/serial-queue
 * Runs async tasks one at a time in submission order. DuckDB allows one running statement per
 * connection; the adapter funnels every statement through one queue so callers need no locking.
 */

/** A FIFO of async tasks; a failing task does not stop the ones after it. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  /** Queues `task`; resolves or rejects with its outcome once every earlier task settled. */
  push<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task)
    this.tail = next.catch(() => undefined)
    return next
  }
}
