/**
 * @module cli/io
 * The process's streams and environment, passed into the CLI so tests can run it in-process.
 */

/** A writable text stream. */
export interface TextOut {
  write(text: string): void
  /** True when the stream is a terminal. */
  readonly isTTY: boolean
  /** Terminal width; 80 when unknown. */
  readonly columns: number
}

/** Everything the CLI needs from its process. */
export interface CliIo {
  readonly stdout: TextOut
  readonly stderr: TextOut
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

/**
 * The real process. A reader that goes away (`pitwall table changes … | head`) closes the pipe:
 * later writes to that stream are dropped instead of crashing on EPIPE, and the command finishes
 * its work (releasing its locks) as if the output had been read.
 */
export function processIo(): CliIo {
  const wrap = (s: NodeJS.WriteStream): TextOut => {
    let closed = false
    s.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') closed = true
      else throw error
    })
    return {
      write: (t) => {
        if (!closed) s.write(t)
      },
      isTTY: s.isTTY === true,
      columns: s.columns ?? 80,
    }
  }
  return {
    stdout: wrap(process.stdout),
    stderr: wrap(process.stderr),
    env: process.env,
    cwd: process.cwd(),
  }
}

/** An in-memory IO for tests: collects what was written. */
export function memoryIo(
  options: { env?: Record<string, string | undefined>; cwd?: string; tty?: boolean } = {},
): CliIo & {
  readonly out: () => string
  readonly err: () => string
} {
  let out = ''
  let err = ''
  const tty = options.tty ?? false
  return {
    stdout: { write: (t) => void (out += t), isTTY: tty, columns: 100 },
    stderr: { write: (t) => void (err += t), isTTY: tty, columns: 100 },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  }
}
