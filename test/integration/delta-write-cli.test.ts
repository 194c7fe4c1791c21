import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { mergeTable, writeTable } from '../../src/lake/index.js'
import { memoryIo, runCli } from '../../src/cli/index.js'
import { runPitwall } from '../helpers/cli.js'

/** Runs the CLI in-process (the same program the binary runs; one spawn below checks the binary). */
async function pitwall(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo({ env: { NO_COLOR: '1' } })
  const code = await runCli(args, io)
  return { code, stdout: io.out(), stderr: io.err() }
}
import { tableFixture, type TableFixture } from './delta-write-helpers.js'

let fx: TableFixture | undefined
afterEach(() => {
  fx?.close()
  fx = undefined
})

describe('pitwall table', () => {
  it('scans with time travel as JSON rows, shows history, vacuums and restores by catalog.schema.table', async () => {
    const base = await tableFixture()
    fx = base
    const home = join(base.dir, '..', 'home')
    const dir = join(home, 'dev_cat', 'silver', 'laps')
    const target = {
      store: new (await import('../../src/lake/index.js')).LocalObjectStore(dir),
      executor: base.executor,
    }
    await writeTable({
      ...target,
      configuration: { 'delta.enableChangeDataFeed': 'true' },
      sql: `SELECT 1 AS lap, TIMESTAMPTZ '2024-06-30 12:00:00+00' AS at, 9007199254740993::BIGINT AS big`,
    })
    await mergeTable({
      ...target,
      keys: ['lap'],
      sql: `SELECT 1 AS lap, TIMESTAMPTZ '2024-06-30 13:00:00+00' AS at, 2::BIGINT AS big`,
    })

    const scan = runPitwall([
      '--home',
      home,
      'table',
      'scan',
      'dev_cat.silver.laps',
      '--version',
      '0',
      '--format',
      'json',
    ])
    expect(scan.code, scan.stderr).toBe(0)
    expect(JSON.parse(scan.stdout)).toEqual([
      { lap: 1, at: '2024-06-30T12:00:00.000000Z', big: '9007199254740993' },
    ])

    const future = await pitwall([
      'table',
      'scan',
      dir,
      '--timestamp',
      '2999-01-01T00:00:00Z',
      '--format',
      'json',
    ])
    expect(future.code, future.stderr).toBe(0)
    expect((JSON.parse(future.stdout) as { big: number }[]).map((r) => r.big)).toEqual([2])
    const badTs = await pitwall(['table', 'scan', dir, '--timestamp', 'yesterday'])
    expect(badTs.code).toBe(2)
    expect(badTs.stderr).toContain('--timestamp must be ISO 8601')
    const csv = await pitwall(['table', 'scan', dir, '--format', 'csv'])
    expect(csv.stdout.trim().split(/\r?\n/)).toEqual([
      'lap,at,big',
      '1,2024-06-30T13:00:00.000000Z,2',
    ])

    const hist = await pitwall(['table', 'history', dir, '--format', 'json'])
    const entries = JSON.parse(hist.stdout) as { version: number; operation: string }[]
    expect(entries.map((e) => [e.version, e.operation])).toEqual([
      [1, 'MERGE'],
      [0, 'CREATE TABLE AS SELECT'],
    ])

    const changes = await pitwall(['table', 'changes', dir, '--from', '1', '--format', 'json'])
    expect(changes.code, changes.stderr).toBe(0)
    const kinds = (JSON.parse(changes.stdout) as { _change_type: string }[])
      .map((c) => c._change_type)
      .sort()
    expect(kinds).toEqual(['update_postimage', 'update_preimage'])

    const refused = await pitwall(['table', 'vacuum', dir, '--retain', '1h'])
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/at least 168 hours .*got 1 hours/)
    const dry = await pitwall([
      '--json',
      'table',
      'vacuum',
      dir,
      '--retain',
      '0h',
      '--force',
      '--dry-run',
    ])
    expect(dry.code, dry.stderr).toBe(0)
    // The data file the merge replaced and the merge's change data file are both past retention 0.
    const files = (JSON.parse(dry.stdout) as { metrics: { filesDeleted: string[] } }).metrics
      .filesDeleted
    expect(files.length).toBe(2)
    expect(files.filter((f) => f.startsWith('_change_data/')).length).toBe(1)

    const restored = await pitwall(['--json', 'table', 'restore', dir, '--version', '0'])
    expect(restored.code, restored.stderr).toBe(0)
    expect((JSON.parse(restored.stdout) as { version: number }).version).toBe(2)

    const props = await pitwall(['--json', 'table', 'properties', dir, '--set', 'quality=silver'])
    expect(props.code, props.stderr).toBe(0)
    expect(
      (JSON.parse(props.stdout) as { metrics: { configuration: Record<string, string> } }).metrics
        .configuration,
    ).toEqual({
      'delta.enableChangeDataFeed': 'true',
      quality: 'silver',
    })
  })
})
