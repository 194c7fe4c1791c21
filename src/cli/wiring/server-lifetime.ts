/**
 * @module cli/wiring/server-lifetime
 * How the CLI's servers (`replay`, `docs serve`, `serve`) start and stop:
 * - {@link listenOrExplain}: listen, and turn a taken port into a one-line usage error naming it
 *   (exit 2) instead of an `EADDRINUSE` stack trace;
 * - {@link untilStopped}: wait for Ctrl-C, `kill`, or the processes that started us in the same
 *   job going away. The last matters for `npx pitwall replay … &`: npm exec does not forward
 *   signals, so killing the background job kills npm and would leave node serving; watching the
 *   job's ancestors lets the server notice and stop.
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
export type StopReason = 'SIGINT' | 'SIGTERM' | 'parent-exited'

/** Options of {@link untilStopped}. */
export interface UntilStoppedOptions {
  /** How often to check that the processes that started us still run (ms). */
  readonly pollMs?: number
}

/**
 * Resolves when the process should stop: SIGINT (Ctrl-C), SIGTERM, or one of the processes that
 * started it in the same job exits. "Same job" is the process group: `npx pitwall replay … &`
 * puts npm exec and the server in one group, so killing the job's npm stops the server, while
 * `nohup`, `setsid` or a service manager start it in a group of its own and it keeps running
 * after its starter leaves. SIGHUP is left alone so that `nohup` keeps working (without nohup,
 * a closed terminal ends the server by the default action). Handlers are removed once it
 * resolves. Without `/proc` (macOS), the direct parent is watched.
 */
export function untilStopped(options: UntilStoppedOptions = {}): Promise<StopReason> {
  const watched = starters()
  return new Promise<StopReason>((resolve) => {
    const signals = ['SIGINT', 'SIGTERM'] as const
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

/** The processes that started this one within its process group (the job), nearest first. */
function starters(): number[] {
  const self = procStat(process.pid)
  if (self === undefined) return process.ppid > 1 ? [process.ppid] : []
  const out: number[] = []
  let pid = self.ppid
  while (pid > 1 && out.length < 16) {
    const stat = procStat(pid)
    if (stat === undefined || stat.pgrp !== self.pgrp) break
    out.push(pid)
    pid = stat.ppid
  }
  return out
}

/** The parent pid and process group of `pid` from `/proc/<pid>/stat` (Linux). */
function procStat(pid: number): { ppid: number; pgrp: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ppid = Number(fields[1])
    const pgrp = Number(fields[2])
    return Number.isInteger(ppid) && Number.isInteger(pgrp) ? { ppid, pgrp } : undefined
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
