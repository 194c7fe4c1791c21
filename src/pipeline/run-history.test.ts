import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../engine/index.js'
import { objectStoreFor } from '../lake/index.js'
import { RunHistory } from './run-history.js'
import { RunRecorder } from './run-recorder.js'
import { listRuns, processedPartitions } from './run-views.js'

let dir: string
let engine: DuckDbEngine
let history: RunHistory
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pitwall-history-'))
  engine = await DuckDbEngine.create()
  history = new RunHistory({
    engine,
    storeFor: objectStoreFor,
    catalog: 'dev_f1',
    locate: (t) => join(dir, 'dev_f1', 'system', t),
  })
})
afterAll(async () => {
  await engine.close()
  rmSync(dir, { recursive: true, force: true })
})

const start = (runId: string) => ({
  runId,
  kind: 'pipeline' as const,
  status: 'running' as const,
  attempt: 1,
  target: 'dev',
  catalog: 'dev_f1',
  trigger: 'manual',
  params: { year: 2024 },
  partitions: [
    {
      key: '9550',
      sessionKey: 9550,
      season: 2024,
      meetingKey: 1240,
      meeting: 'Spielberg',
      session: 'Race',
      dateStart: '2024-06-30T13:00:00+00:00',
      dateEnd: '2024-06-30T15:00:00+00:00',
    },
  ],
  steps: {},
  startedAt: '2024-06-30T13:00:00.000Z',
  endedAt: null,
  summary: {},
  freshness: [],
  error: null,
})
const asset = (runId: string) => ({
  runId,
  attempt: 1,
  step: 'load',
  asset: 'bronze.bronze_laps',
  kind: 'bronze',
  partition: '9550',
  season: 2024,
  meetingKey: 1240,
  status: 'success',
  startedAt: '2024-06-30T13:00:00.000Z',
  endedAt: '2024-06-30T13:00:01.000Z',
  rows: 1341,
  error: null,
})

describe('RunRecorder and RunHistory', () => {
  it('writes nothing while deferred, then the latest state and buffered assets at once', async () => {
    const r = new RunRecorder(history, start('20240630-130000-aaaaaa'), { deferred: true })
    await r.step('extract', { status: 'running', attempt: 1 })
    await r.record([asset('20240630-130000-aaaaaa')])
    expect(await history.versions()).toEqual({ pipeline_runs: -1, pipeline_assets: -1 })
    await r.activate()
    await r.update({ status: 'success', endedAt: '2024-06-30T13:05:00.000Z' })
    const [run] = await listRuns(history)
    expect(run).toMatchObject({
      runId: '20240630-130000-aaaaaa',
      status: 'success',
      seq: 2,
      display: 'success',
    })
    expect(run?.steps['extract']?.status).toBe('running')
    expect(run?.assets).toEqual([
      expect.objectContaining({ asset: 'bronze.bronze_laps', partition: '9550', rows: 1341 }),
    ])
    expect(await processedPartitions(history)).toEqual(new Set(['9550']))
  })

  it('shows a run whose process is gone as interrupted', async () => {
    const r = new RunRecorder(history, start('20240630-140000-bbbbbb'), { deferred: false })
    await r.begin()
    // Pretend it was written by a process that no longer exists.
    await history.appendRuns([{ ...r.state, seq: 5, pid: 2 ** 22 + 7 }])
    const runs = await listRuns(history, 1)
    expect(runs[0]).toMatchObject({ runId: '20240630-140000-bbbbbb', display: 'interrupted' })
  })
})
