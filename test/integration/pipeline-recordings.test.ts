/**
 * Issue 12 "done when", on the recordings: a pipeline run over the replay server for sessions
 * 9550 and 9531 ends with gold tables that pass every data test; a second identical run does no
 * work, says so, and leaves every Delta table's version as it was; `pitwall runs --json` lists
 * the run with its assets.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startReplayServer, type ReplayServer } from '../../src/openf1/index.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { deltaVersions, pitwall } from './pipeline-support.js'

/** Telemetry (location, car_data: 4 M rows) is left out; its models read it as empty. */
const ENDPOINTS = 'sessions,meetings,drivers,laps,stints,pit,weather,race_control'

describeShared('openf1/v1', 'pitwall pipeline over the recordings', () => {
  let tmp: string
  let server: ReplayServer
  let args: string[]
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'pitwall-pipeline-'))
    server = await startReplayServer({ dataDir: sharedPath('openf1', 'v1') })
    args = ['--home', join(tmp, 'home'), '--json', 'pipeline', '--base-url', server.url]
    args.push('--session', '9550', '--session', '9531', '--endpoints', ENDPOINTS, '--rate', '100/s')
  })
  afterAll(async () => {
    await server.close()
    rmSync(tmp, { recursive: true, force: true })
  })

  it('builds both races with every data test passing, then finds nothing new', async () => {
    const first = await pitwall(args)
    expect(first.code, first.stderr.slice(-2000)).toBe(0)
    const run = JSON.parse(first.stdout) as {
      runId: string
      status: string
      recorded: boolean
      partitions: { key: string; season: number }[]
      summary: {
        build: { nodes: number; error: number; fail: number; skipped: number; pass: number }
      }
    }
    expect(run.status).toBe('success')
    expect(run.recorded).toBe(true)
    expect(run.partitions.map((p) => p.key).sort()).toEqual(['9531', '9550'])
    expect(run.summary.build).toMatchObject({ error: 0, fail: 0, skipped: 0 })
    expect(run.summary.build.pass).toBeGreaterThan(100)

    const before = deltaVersions(join(tmp, 'home'))
    expect(Object.keys(before)).toContain('dev_f1_data_analytics/gold_analytics/race_results')
    const second = await pitwall(args)
    expect(second.code).toBe(0)
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'nothing-new', recorded: false })
    expect(deltaVersions(join(tmp, 'home'))).toEqual(before)

    const listed = await pitwall(['--home', join(tmp, 'home'), '--json', 'runs'])
    const runs = (
      JSON.parse(listed.stdout) as {
        runs: {
          runId: string
          display: string
          assets: { step: string; asset: string; partition: string | null; status: string }[]
        }[]
      }
    ).runs
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({ runId: run.runId, display: 'success' })
    const assets = runs[0]?.assets ?? []
    expect(assets).toContainEqual(
      expect.objectContaining({
        step: 'extract',
        asset: 'extract.laps',
        partition: '9550',
        status: 'success',
      }),
    )
    expect(assets).toContainEqual(
      expect.objectContaining({
        step: 'load',
        asset: 'bronze.bronze_laps',
        partition: '9531',
        status: 'success',
      }),
    )
    expect(assets).toContainEqual(
      expect.objectContaining({
        step: 'build',
        asset: 'model.pitwall.race_results',
        status: 'success',
      }),
    )
    expect(
      assets
        .filter((a) => a.step === 'build' && a.asset.startsWith('test.'))
        .every((a) => a.status === 'pass'),
    ).toBe(true)
  }, 600_000)
})
