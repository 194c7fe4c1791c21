/**
 * @module cli/wiring/server-lifetime
 * How the CLI's servers (`replay`, `docs serve`, `serve`) start and stop:
 * - {@link listenOrExplain}: listen, and turn a taken port into a one-line usage error naming it
 *   (exit 2) instead of an `EADDRINUSE` stack trace;
 * - {@link untilStopped}: wait for Ctrl-C, `kill`, a closed terminal, or the process that started
 *   us going away. The last matters for `npx pitwall replay … &`: npm exec does not forward
 *   signals, so killing the background job kills npm and would leave node serving; watching the
 *   ancestors lets the server notice and stop.
 */
import { readFileSync } from 'node:fs'
import type { Server } from 'node:net'
import { PortInUseError } from '../../core/index.js'

/**
 * Listens on `host:port` (port 0 = any free one) and resolves to the port in use. A port that is
 * taken or not allowed throws {@link PortInUseError} (exit 2).
 */
export async function listenOrExplain(
  server: Server,
  port: number,
  host = '127.0.0.1',
): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening)
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        reject(new PortInUseError(port, host, { cause: error, denied: error.code === 'EACCES' }))
      } else reject(error)
    }
    const onListening = (): void => {
      server.off('error', onError)
      resolve()
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, host)
  })
  const address = server.address()
  return typeof address === 'object' && address !== null ? address.port : port
}

/** Why a server stopped. */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'parent-exited'

/** Options of {@link untilStopped}. */
export interface UntilStoppedOptions {
  /** How often to check that the processes that started us still run (ms). */
  readonly pollMs?: number
}

/**
 * Resolves when the process should stop: SIGINT, SIGTERM, SIGHUP, or one of the processes that
 * started it (its parent, and on Linux the parent's ancestors up to the first one that is
 * shared with everything, pid 1) exits. Handlers are removed once it resolves.
 */
export function untilStopped(options: UntilStoppedOptions = {}): Promise<StopReason> {
  const watched = ancestors()
  return new Promise<StopReason>((resolve) => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
    const handlers = signals.map((s) => [s, () => finish(s)] as const)
    const timer = setInterval(() => {
      if (watched.some((pid) => !isAlive(pid))) finish('parent-exited')
    }, options.pollMs ?? 500)
    timer.unref()
    function finish(reason: StopReason): void {
      clearInterval(timer)
      for (const [s, h] of handlers) process.off(s, h)
      resolve(reason)
    }
    for (const [s, h] of handlers) process.on(s, h)
  })
}

/** The parent and, where `/proc` tells, its ancestors below pid 1. */
function ancestors(): number[] {
  const out: number[] = []
  let pid = process.ppid
  while (pid > 1 && out.length < 16) {
    out.push(pid)
    const next = parentOf(pid)
    if (next === undefined) break
    pid = next
  }
  return out
}

/** The parent pid of `pid` from `/proc/<pid>/stat` (Linux); undefined elsewhere. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ppid = Number(fields[1])
    return Number.isInteger(ppid) ? ppid : undefined
  } catch {
    return undefined
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
