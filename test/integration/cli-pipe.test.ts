/**
 * A reader that stops reading (`pitwall sql … | head -2`) closes the pipe under pitwall: the
 * command must not crash with an EPIPE stack trace; it drops the rest of its output and exits
 * as its work says (0 here).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PITWALL_BIN, pitwallEnv } from '../helpers/cli.js'

const home = mkdtempSync(join(tmpdir(), 'pitwall-pipe-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

describe('output into a pipe that closes early', () => {
  it('exits 0 without an EPIPE crash when the reader goes away after the first chunk', async () => {
    const child = spawn(
      process.execPath,
      [PITWALL_BIN, '--home', home, 'sql', 'select * from range(3000000)', '--format', 'csv'],
      { env: pitwallEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    let first = ''
    await new Promise<void>((resolve) => {
      child.stdout.once('data', (c: Buffer) => {
        first = c.toString()
        // What `head` does once it has its lines: close its end of the pipe.
        child.stdout.destroy()
        resolve()
      })
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(first).toMatch(/^range\r?\n/)
    expect(stderr).not.toContain('EPIPE')
    expect(stderr).not.toMatch(/\n\s+at /)
    expect(code).toBe(0)
  })
})
