import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PLANNED_COMMANDS } from '../../src/cli/commands/planned.js'
import { REPO_ROOT, runPitwall } from '../helpers/cli.js'

/** The commands of DESIGN.md §5. */
const DESIGN_COMMANDS = [
  'extract',
  'load',
  'build',
  'run',
  'test',
  'snapshot',
  'seed',
  'compile',
  'ls',
  'docs',
  'pipeline',
  'schedule',
  'serve',
  'sql',
  'table',
  'grant',
  'revoke',
  'principals',
  'replay',
  'simulate',
  'demo',
]

const tmp = mkdtempSync(join(tmpdir(), 'pitwall-cli-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('pitwall --help', () => {
  it('lists every command of DESIGN.md §5', () => {
    const r = runPitwall(['--help'])
    expect(r.code).toBe(0)
    const listed = new Set(
      r.stdout
        .split('\n')
        .map((l) => /^ {2}([a-z]+)\b/.exec(l)?.[1])
        .filter((x) => x !== undefined),
    )
    for (const c of DESIGN_COMMANDS) expect(listed, c).toContain(c)
  })

  it('has help for each command', () => {
    const r = runPitwall(['demo', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Usage: pitwall demo')
  })
})

describe('unbuilt commands', () => {
  // Every planned command is also run in-process by cli-exit-codes.test.ts; one as a process here.
  const planned = PLANNED_COMMANDS[0]

  it('are marked in --help exactly while some are planned', () => {
    const help = runPitwall(['--help']).stdout
    expect(help.includes('[not built yet]')).toBe(planned !== undefined)
  })

  it('say so when run, name their issue, and exit 2 (JSON with --json)', () => {
    if (planned === undefined) return
    const r = runPitwall(planned.name.split(' '))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`pitwall ${planned.name} is not built yet (tracked in issue #`)
    const json = runPitwall(['--json', ...planned.name.split(' ')])
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'not-built' } })
  })
})

describe('usage errors', () => {
  it('exit 2 on an unknown option', () => {
    const r = runPitwall(['--no-such-option'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("unknown option '--no-such-option'")
  })

  it('exit 2 on an unknown command', () => {
    expect(runPitwall(['frobnicate']).code).toBe(2)
  })
})

describe('configuration', () => {
  it('loads the built-in warehouse project for every target', () => {
    for (const target of ['dev', 'stage', 'prod']) {
      const r = runPitwall(['--json', '--target', target, 'debug'])
      expect(r.code).toBe(0)
      expect(JSON.parse(r.stdout)).toMatchObject({
        target,
        output: { catalog: `${target}_f1_data_analytics` },
      })
    }
  })

  it('rejects a broken profiles.yml with file, line and exit code 2', () => {
    const dir = join(tmp, 'broken')
    cpSync(join(REPO_ROOT, 'warehouse'), dir, { recursive: true })
    writeFileSync(
      join(dir, 'profiles.yml'),
      'pitwall:\n  target: dev\n  outputs:\n    dev:\n      type: local\n      threads: many\n',
    )
    const r = runPitwall(['--project-dir', dir, 'debug'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/profiles\.yml:4:\d+: error: pitwall\.outputs\.dev\.catalog/)
    expect(r.stderr).toMatch(/profiles\.yml:6:\d+: error: pitwall\.outputs\.dev\.threads/)
  })

  it('rejects an unknown target with exit code 2', () => {
    const r = runPitwall(['--target', 'qa', 'debug'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("target 'qa' is not an output")
  })
})
