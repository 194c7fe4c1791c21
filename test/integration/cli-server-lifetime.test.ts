/**
 * Servers stop when the process that started them goes away. `npx pitwall replay … &` runs the
 * server as a grandchild of the shell (npm exec → node), and npm exec does not forward signals:
 * killing the background job kills npm only. The server watches the processes that started it
 * and stops. The trees are real: npm exec itself, and a plain node parent that is SIGKILLed. A
 * server started in a job of its own (nohup, setsid, a service manager) outlives its starter.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PITWALL_BIN, REPO_ROOT, pitwallEnv } from '../helpers/cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'pitwall-cli-lifetime-'))
const data = join(tmp, 'data')
mkdirSync(data)
const started: number[] = []
afterAll(() => {
  // A server that outlived a failed assertion must not outlive the test run.
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  rmSync(tmp, { recursive: true, force: true })
})

/** Reads the replay server's `--json` announcement ({ url, pid }) from the child's stdout. */
function announcement(
  child: ChildProcessWithoutNullStreams,
): Promise<{ url: string; pid: number }> {
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const end = out.indexOf('\n}')
      if (end >= 0) resolve(JSON.parse(out.slice(0, end + 2)) as { url: string; pid: number })
    })
    child.on('exit', (code) => reject(new Error(`exited with ${code} before serving: ${err}`)))
  })
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Waits until `pid` is gone; false if it is still there after the safety timeout. */
async function gone(pid: number, timeoutMs = 60_000): Promise<boolean> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (!alive(pid)) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return false
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/sessions`)
    await res.text()
    return true
  } catch {
    return false
  }
}

describe('servers and the processes that start them', () => {
  it('replay started through npx stops when npx is killed', async () => {
    const npx = spawn('npx', ['pitwall', '--json', 'replay', '--data', data, '--port', '0'], {
      cwd: REPO_ROOT,
      env: pitwallEnv({ env: { npm_config_yes: 'true' } }),
    })
    const server = await announcement(npx)
    started.push(server.pid)
    // The server is a descendant of npm exec, not npm itself: the case that needs watching.
    expect(server.pid).not.toBe(npx.pid)
    expect(await answers(server.url)).toBe(true)
    npx.kill('SIGTERM')
    expect(await gone(server.pid)).toBe(true)
    expect(await answers(server.url)).toBe(false)
  })

  it('replay stops when a parent that ignores signals is killed outright', async () => {
    // A parent that starts pitwall replay and forwards nothing, like npm exec.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `const { spawn } = require('node:child_process')
process.on('SIGTERM', () => {})
spawn(process.execPath, process.argv.slice(1), { stdio: 'inherit' })`,
        PITWALL_BIN,
        '--json',
        'replay',
        '--data',
        data,
        '--port',
        '0',
      ],
      { cwd: REPO_ROOT, env: pitwallEnv() },
    )
    const server = await announcement(parent)
    started.push(server.pid)
    expect(server.pid).not.toBe(parent.pid)
    expect(await answers(server.url)).toBe(true)
    parent.kill('SIGKILL')
    expect(await gone(server.pid)).toBe(true)
  })

  it('keeps serving when started in a job of its own (nohup, setsid), until told to stop', async () => {
    // The parent starts the server in a new process group, as setsid does, then goes away.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `const { spawn } = require('node:child_process')
spawn(process.execPath, process.argv.slice(1), { stdio: 'inherit', detached: true })
process.on('SIGTERM', () => {})`,
        PITWALL_BIN,
        '--json',
        'replay',
        '--data',
        data,
        '--port',
        '0',
      ],
      { cwd: REPO_ROOT, env: pitwallEnv() },
    )
    const server = await announcement(parent)
    started.push(server.pid)
    parent.kill('SIGKILL')
    // Several of its 500 ms checks later it still serves (a slow machine can only make this
    // pass sooner, never fail wrongly).
    await new Promise((r) => setTimeout(r, 3000))
    expect(alive(server.pid)).toBe(true)
    expect(await answers(server.url)).toBe(true)
    process.kill(server.pid, 'SIGTERM')
    expect(await gone(server.pid)).toBe(true)
  })
})
