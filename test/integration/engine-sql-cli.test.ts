/**
 * `pitwall sql` as a user runs it: a Delta table of the lakehouse by its three-level name, the
 * three output formats, and errors that say how to fix them.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { runInProcess as runPitwall } from './load-support.js'

const TABLE = 'dev_f1_data_analytics.gold_analytics.delta_080'

describeShared('delta-tables', 'pitwall sql', () => {
  let home: string
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'pitwall-sql-'))
    const target = join(home, 'dev_f1_data_analytics', 'gold_analytics', 'delta_080')
    mkdirSync(join(target, '..'), { recursive: true })
    cpSync(sharedPath('delta-tables', 'delta-rs', 'delta-0.8.0'), target, { recursive: true })
  })
  afterAll(() => rmSync(home, { recursive: true, force: true }))

  it('prints json, csv and table output of a query over a Delta table', async () => {
    const q = `SELECT value, value * 2 AS twice FROM ${TABLE} ORDER BY value`
    const json = await runPitwall(['--home', home, 'sql', '--format', 'json', q])
    expect(json.code).toBe(0)
    const rows = JSON.parse(json.stdout) as { value: number; twice: number }[]
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.twice === r.value * 2)).toBe(true)
    const csv = await runPitwall(['--home', home, 'sql', '--format', 'csv', q])
    expect(csv.stdout.split('\r\n')[0]).toBe('value,twice')
    expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(rows.length + 1)
    const table = await runPitwall(['--home', home, 'sql', q])
    expect(table.stdout).toMatch(/^value │ twice/)
    expect(table.stdout).toContain(`(${rows.length} row`)
    const viaJsonFlag = await runPitwall(['--home', home, '--json', 'sql', q])
    expect(JSON.parse(viaJsonFlag.stdout)).toEqual(rows)
  })

  it('exits 1 with a hint for an unknown table and 2 for a bad format', async () => {
    const missing = await runPitwall(['--home', home, 'sql', 'SELECT * FROM nope'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/nope/)
    expect(missing.stderr).toMatch(/hint: Tables are catalog\.schema\.table/)
    const bad = await runPitwall(['--home', home, 'sql', '--format', 'xml', 'SELECT 1'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--format must be one of json, csv, table/)
  })

  it('serves the warehouse persisted SQL views, also views over views', async () => {
    const views = join(home, 'dev_f1_data_analytics', 'gold_analytics', '_views')
    mkdirSync(views, { recursive: true })
    // a_top reads b_doubled, which is defined after it in file order.
    writeFileSync(
      join(views, 'a_top.sql'),
      'SELECT max(twice) AS top FROM dev_f1_data_analytics.gold_analytics.b_doubled',
    )
    writeFileSync(join(views, 'b_doubled.sql'), `SELECT value * 2 AS twice FROM ${TABLE}`)
    const r = await runPitwall([
      '--home',
      home,
      'sql',
      '--format',
      'json',
      `SELECT (SELECT top FROM dev_f1_data_analytics.gold_analytics.a_top) AS top, (SELECT max(value) * 2 FROM ${TABLE}) AS expected`,
    ])
    expect(r.code).toBe(0)
    const [row] = JSON.parse(r.stdout) as { top: number; expected: number }[]
    expect(row?.top).toBe(row?.expected)
    expect(row?.top).toEqual(expect.any(Number))
  })
})
