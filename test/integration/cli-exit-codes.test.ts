/**
 * The README's exit-code rule, one row per case: command line → exit code → message fragment.
 * 0 ok, 1 failed work, 2 bad usage or configuration (nothing ran). Every row runs the real CLI
 * in-process (`runCli`) against real Delta tables, a real project and real sockets in a temp dir;
 * a usage error is one message, never a stack trace.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryIo, runCli } from '../../src/cli/index.js'
import { PLANNED_COMMANDS } from '../../src/cli/commands/planned.js'
import { DuckDbEngine } from '../../src/engine/index.js'
import { createTableFixture, type TableFixture } from './cli-fixtures.js'

const tmp = mkdtempSync(join(tmpdir(), 'pitwall-cli-exit-'))
const home = join(tmp, 'home')
const project = join(tmp, 'project')
const badProject = join(tmp, 'bad-project')
const refProject = join(tmp, 'ref-project')
let busy: Server
let busyPort = 0
let closedPort = 0
let tables: TableFixture

/** A listening socket (the busy port) and a port nothing listens on (the closed one). */
async function ports(): Promise<void> {
  busy = createServer()
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r))
  busyPort = (busy.address() as { port: number }).port
  const probe = createServer()
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
  closedPort = (probe.address() as { port: number }).port
  await new Promise((r) => probe.close(r))
}

/** A one-model project using the warehouse's profiles (dev = dev_f1_data_analytics). */
function writeProjects(): void {
  const profiles = readFileSync(
    join(import.meta.dirname, '..', '..', 'warehouse', 'profiles.yml'),
    'utf8',
  )
  mkdirSync(join(project, 'models'), { recursive: true })
  writeFileSync(
    join(project, 'dbt_project.yml'),
    "name: exits\nversion: '1.0'\nconfig-version: 2\nprofile: pitwall\nmodel-paths: ['models']\n",
  )
  writeFileSync(join(project, 'profiles.yml'), profiles)
  writeFileSync(join(project, 'models', 'one.sql'), 'select 1 as id\n')
  writeFileSync(join(project, 'models', 'two.sql'), "select id + 1 as id from {{ ref('one') }}\n")
  writeFileSync(join(project, 'models', 'three.sql'), "select id + 1 as id from {{ ref('two') }}\n")
  mkdirSync(join(refProject, 'models'), { recursive: true })
  writeFileSync(join(refProject, 'dbt_project.yml'), readFileSync(join(project, 'dbt_project.yml')))
  writeFileSync(join(refProject, 'profiles.yml'), profiles)
  writeFileSync(join(refProject, 'models', 'a.sql'), "select * from {{ ref('missing') }}\n")
  mkdirSync(badProject, { recursive: true })
  writeFileSync(join(badProject, 'dbt_project.yml'), readFileSync(join(project, 'dbt_project.yml')))
  writeFileSync(
    join(badProject, 'profiles.yml'),
    profiles.replace(
      'type: local\n      catalog: dev_f1_data_analytics',
      'type: oracle\n      catalog: dev_f1_data_analytics',
    ),
  )
}

/** Every file named `name` under `dir`. */
function findFiles(dir: string, name: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f === name || f.endsWith(`/${name}`))
    .map((f) => join(dir, f))
}

beforeAll(async () => {
  writeProjects()
  await ports()
  const engine = await DuckDbEngine.create()
  try {
    tables = await createTableFixture(home, engine)
  } finally {
    await engine.close()
  }
  // A docs site for `docs serve` (where the artifacts go, with or without a per-target folder).
  for (const dir of [join(home, 'target'), join(home, 'target', 'dev')]) {
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'index.html'), '<h1>docs</h1>')
  }
  mkdirSync(join(tmp, 'empty-data'), { recursive: true })
}, 120_000)

afterAll(async () => {
  await new Promise((r) => busy.close(r))
  rmSync(tmp, { recursive: true, force: true })
})

/** Runs `pitwall <argv>` in-process with the fixture's project and home. */
async function pitwall(argv: readonly string[]) {
  const io = memoryIo({ env: {}, cwd: tmp })
  const code = await runCli(['--project-dir', project, '--home', home, ...argv], io)
  return { code, out: io.out(), err: io.err() }
}

/** One case of the table. */
interface Row {
  readonly name: string
  readonly argv: () => string[]
  readonly code: 0 | 1 | 2
  /** Must appear in stderr (or stdout, with `in: 'stdout'`). */
  readonly says: () => string
  readonly in?: 'stdout' | 'stderr'
}

const ROWS: readonly Row[] = [
  // Input is the problem: exit 2.
  {
    name: 'a selector that does not parse',
    argv: () => ['build', '--select', '+'],
    code: 2,
    says: () => "cannot parse selector '+'",
  },
  {
    name: 'an unknown selector method',
    argv: () => ['build', '--select', 'foo:bar'],
    code: 2,
    says: () => "unknown selector method 'foo'",
  },
  {
    name: '--state naming a missing folder',
    argv: () => ['ls', '-s', 'state:modified', '--state', '/nonexistent'],
    code: 2,
    says: () => '--state: folder /nonexistent does not exist',
  },
  {
    name: 'a vacuum retention under the table minimum',
    argv: () => ['table', 'vacuum', tables.plain, '--retain', '0h'],
    code: 2,
    says: () => 'at least 168 hours',
  },
  {
    name: 'replay of a missing data folder',
    argv: () => ['replay', '--data', '/nonexistent'],
    code: 2,
    says: () => '--data: /nonexistent is not a folder',
  },
  {
    name: 'extract --from that is not a date',
    argv: () => ['extract', '--from', 'notadate'],
    code: 2,
    says: () => "--from must be a date, e.g. 2024-06-30 or 2024-06-30T14:00:00Z (got 'notadate')",
  },
  {
    name: 'extract --base-url that is not a URL',
    argv: () => ['extract', '--base-url', 'localhost:8000'],
    code: 2,
    says: () => '--base-url must be an http:// or https:// URL',
  },
  {
    name: 'a table that does not exist',
    argv: () => ['table', 'scan', join(tmp, 'no-such-table')],
    code: 2,
    says: () => `no Delta table at ${join(tmp, 'no-such-table')}`,
  },
  {
    name: 'table changes on a table without CDF',
    argv: () => ['table', 'changes', tables.plain],
    code: 2,
    says: () => `the change data feed of ${tables.plain} is off`,
  },
  {
    name: 'an unknown output type in profiles.yml',
    argv: () => ['--project-dir', badProject, 'debug'],
    code: 2,
    says: () =>
      "pitwall runs outputs of type local, duckdb, databricks (target 'dev' is type oracle)",
  },
  {
    name: 'compile of a project with a ref to a missing model',
    argv: () => ['--project-dir', refProject, '--home', home, 'compile'],
    code: 2,
    says: () => "model 'a' refers to 'missing'",
  },
  {
    name: 'ls of a project with a ref to a missing model',
    argv: () => ['--project-dir', refProject, '--home', home, 'ls'],
    code: 2,
    says: () => "model 'a' refers to 'missing'",
  },
  {
    name: 'an unknown command',
    argv: () => ['frobnicate'],
    code: 2,
    says: () => "unknown command 'frobnicate'",
  },
  // --version belongs to pitwall only before a command.
  {
    name: 'pitwall --version',
    argv: () => ['--version'],
    code: 0,
    says: () => '0.1.0\n',
    in: 'stdout',
  },
  {
    name: 'a command option --version without its value',
    argv: () => ['table', 'scan', tables.plain, '--version'],
    code: 2,
    says: () => "option '--version <n>' argument missing",
  },
  {
    name: '--version after a command without one',
    argv: () => ['build', '--version'],
    code: 2,
    says: () => "unknown option '--version'",
  },
  {
    name: 'a command option --version with its value',
    argv: () => ['table', 'scan', tables.plain, '--version', '0', '--format', 'csv'],
    code: 0,
    says: () => 'id,v\r\n1,a\r\n',
    in: 'stdout',
  },
  // Servers on a busy port: one line naming the port.
  {
    name: 'docs serve on a busy port',
    argv: () => ['docs', 'serve', '--port', String(busyPort)],
    code: 2,
    says: () =>
      `error: port ${busyPort} on 127.0.0.1 is already in use; stop what is listening there or choose another with --port (0 = any free port)\n`,
  },
  {
    name: 'replay on a busy port',
    argv: () => ['replay', '--data', join(tmp, 'empty-data'), '--port', String(busyPort)],
    code: 2,
    says: () => `error: port ${busyPort} on 127.0.0.1 is already in use`,
  },
  // Nothing answers: failed work (exit 1) that says so.
  {
    name: 'extract against a closed port',
    argv: () => [
      'extract',
      '--base-url',
      `http://127.0.0.1:${closedPort}/v1`,
      '--year',
      '2024',
      '--retries',
      '1',
    ],
    code: 1,
    says: () => `nothing answers at http://127.0.0.1:${closedPort} (connection refused`,
  },
  // Not silently 0: warnings that say what matched nothing.
  {
    name: 'ls of a selection that matches nothing',
    argv: () => ['ls', '-s', 'nonexistent'],
    code: 0,
    says: () => "The selection criterion 'nonexistent' does not match any enabled nodes",
  },
  // Defaults that work.
  {
    name: 'table changes from the first version with CDF',
    argv: () => ['table', 'changes', tables.cdf, '--format', 'csv'],
    code: 0,
    says: () => 'id,v,_change_type,_commit_version',
    in: 'stdout',
  },
]

describe('pitwall exit codes', () => {
  for (const row of ROWS) {
    it(`${row.name}: exit ${row.code}`, async () => {
      const r = await pitwall(row.argv())
      const text = row.in === 'stdout' ? r.out : r.err
      expect(text, r.err).toContain(row.says())
      expect(r.code, r.err).toBe(row.code)
      // Nothing a user caused ends in a stack trace.
      expect(r.err).not.toMatch(/\n\s+at /)
      expect(r.err).not.toContain('this is a bug in pitwall')
    })
  }

  it('every planned command says it is not built, names its issue, and exits 2', async () => {
    for (const planned of PLANNED_COMMANDS) {
      const r = await pitwall(planned.name.split(' '))
      expect(r.code).toBe(2)
      expect(r.err).toContain(`pitwall ${planned.name} is not built yet`)
      expect(r.err).not.toContain('DESIGN.md')
    }
  })

  it('ls with no match prints nothing on stdout (no blank line)', async () => {
    const r = await pitwall(['ls', '-s', 'nonexistent'])
    expect(r.out).toBe('')
    expect(r.err).toContain('No nodes selected!')
  })

  it('build counts nodes out of the known total; build -s of a missing model warns as dbt and keeps the last run_results.json', async () => {
    const first = await pitwall(['build', '--threads', '1'])
    expect(first.code, first.err).toBe(0)
    // The total is known before the first node starts, as dbt prints it.
    const counts = first.err
      .split('\n')
      .flatMap((l) => /(\d+) of (\d+) /.exec(l)?.slice(1, 3).join('/') ?? [])
    expect(counts).toEqual(['1/3', '2/3', '3/3'])
    const [results] = findFiles(join(home, 'target'), 'run_results.json')
    expect(results).toBeDefined()
    const before = readFileSync(results!, 'utf8')
    expect(before).toContain('model.exits.one')
    const r = await pitwall(['build', '-s', 'nonexistent_model'])
    expect(r.code).toBe(0)
    expect(r.err).toContain(
      "The selection criterion 'nonexistent_model' does not match any enabled nodes",
    )
    expect(r.err).toContain(
      'Nothing to do. Try checking your model configs and model specification args',
    )
    expect(readFileSync(results!, 'utf8')).toBe(before)
    expect(findFiles(join(home, 'target'), 'run_results.json')).toEqual([results])
  })

  it('table changes starts where CDF was turned on: only the later version’s rows', async () => {
    const r = await pitwall(['--json', 'table', 'changes', tables.cdf])
    expect(r.code, r.err).toBe(0)
    const rows = JSON.parse(r.out) as {
      id: number
      _change_type: string
      _commit_version: number
    }[]
    expect(rows.map((x) => [x.id, x._change_type, x._commit_version])).toEqual([
      [2, 'insert', tables.cdfInsertVersion],
    ])
  })
})
