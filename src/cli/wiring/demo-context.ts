/**
 * @module cli/wiring/demo-context
 * The demo's own context: its own home (`<home>/demo`, so the README's tour in `<home>` never
 * mixes with it) and every log line in `<home>/demo/demo.log` instead of the terminal, so the
 * demo prints a short summary and names the file that has the details.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createContext, type CliContext } from '../context.js'
import type { TextOut } from '../io.js'

/** The demo's home under the context's home. */
export function demoHome(ctx: CliContext): string {
  return join(ctx.home, 'demo')
}

/** A context like `ctx` whose home is the demo's and whose logs go to `<demo home>/demo.log`. */
export function demoContext(ctx: CliContext): { ctx: CliContext; logFile: string } {
  const home = demoHome(ctx)
  mkdirSync(home, { recursive: true })
  const logFile = join(home, 'demo.log')
  writeFileSync(logFile, '')
  const log: TextOut = { write: (t) => appendFileSync(logFile, t), isTTY: false, columns: 120 }
  const inner = createContext(
    {
      home,
      projectDir: ctx.projectDir,
      profilesDir: ctx.profilesDir,
      logLevel: 'info',
      ...(ctx.target === undefined ? {} : { target: ctx.target }),
    },
    { ...ctx.io, stderr: log, env: { ...ctx.io.env, NO_COLOR: '1' } },
  )
  return { ctx: inner, logFile }
}
