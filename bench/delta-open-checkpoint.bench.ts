/**
 * Opening a 1,000-commit Delta table: log replay from the newest checkpoint (classic, every 10
 * commits, written by the lake's checkpoint writer) vs replaying all 1,000 JSON commits.
 * The table is log-only (opening never touches data files). Ratio: JSON replay / checkpoint open.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DuckDbEngine } from '../src/engine/index.js'
import {
  LocalObjectStore,
  commitPath,
  loadSnapshot,
  serializeActions,
  writeCheckpoint,
  type Action,
} from '../src/lake/index.js'
import { time, type Benchmark, type Measurement } from './harness.js'

const COMMITS = 1000
const INTERVAL = 10
const RUNS = 5

function commitActions(v: number): Action[] {
  const out: Action[] = [{ commitInfo: { timestamp: 1_700_000_000_000 + v, operation: 'WRITE' } }]
  if (v === 0) {
    out.push({ protocol: { minReaderVersion: 1, minWriterVersion: 2 } })
    out.push({
      metaData: {
        id: 'bench',
        format: { provider: 'parquet', options: {} },
        schemaString: JSON.stringify({
          type: 'struct',
          fields: [
            { name: 'id', type: 'long', nullable: true, metadata: {} },
            { name: 'batch_day', type: 'date', nullable: true, metadata: {} },
          ],
        }),
        partitionColumns: ['batch_day'],
        configuration: {},
        createdTime: 1_700_000_000_000,
      },
    })
  }
  for (let f = 0; f < 3; f++) {
    out.push({
      add: {
        path: `batch_day=2024-06-${String((v % 28) + 1).padStart(2, '0')}/part-${v}-${f}.parquet`,
        partitionValues: { batch_day: `2024-06-${String((v % 28) + 1).padStart(2, '0')}` },
        size: 1000,
        modificationTime: 1_700_000_000_000 + v,
        dataChange: true,
        stats: JSON.stringify({
          numRecords: 100,
          minValues: { id: v * 300 },
          maxValues: { id: v * 300 + 299 },
          nullCount: { id: 0 },
        }),
      },
    })
  }
  // Every 5th commit compacts: removes the files of commit v-4.
  if (v % 5 === 4) {
    for (let f = 0; f < 3; f++) {
      const day = String(((v - 4) % 28) + 1).padStart(2, '0')
      out.push({
        remove: {
          path: `batch_day=2024-06-${day}/part-${v - 4}-${f}.parquet`,
          deletionTimestamp: 1_700_000_000_000 + v,
          dataChange: true,
        },
      })
    }
  }
  return out
}

/** kernel-rs's 300k-add log (5 commits, no data files), unpacked when `tar` + `unzstd` exist. */
async function open300k(): Promise<Measurement | undefined> {
  const shared = resolve(
    process.env['PITWALL_SHARED_DIR'] ??
      join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared'),
  )
  const archive = join(
    shared,
    'delta-tables',
    'kernel-rs-data',
    '300k-add-files-100-col-partitioned.tar.zst',
  )
  if (!existsSync(archive)) return undefined
  const dir = mkdtempSync(join(tmpdir(), 'pitwall-bench-300k-'))
  try {
    const tar = spawnSync('tar', ['--use-compress-program=unzstd', '-xf', archive, '-C', dir])
    if (tar.status !== 0) return undefined
    const store = new LocalObjectStore(join(dir, '300k-add-files-100-col-partitioned'))
    const r = await time(() => loadSnapshot(store))
    return {
      label: 'open kernel-rs 300k-add-files log (JSON only)',
      seconds: r.seconds,
      extra: { liveFiles: r.value.files.size },
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

const bench: Benchmark = {
  name: 'delta-open: 1,000-commit table, checkpoint vs JSON-only replay',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'pitwall-bench-open-'))
    const sql = await DuckDbEngine.create()
    try {
      const store = new LocalObjectStore(dir)
      const build = await time(async () => {
        for (let v = 0; v < COMMITS; v++) {
          await store.putIfAbsent(
            commitPath(v),
            new TextEncoder().encode(serializeActions(commitActions(v))),
          )
          if (v > 0 && v % INTERVAL === 0)
            await writeCheckpoint(await loadSnapshot(store, { sql, version: v }), sql)
        }
      })
      const withCp: number[] = []
      const jsonOnly: number[] = []
      let files = 0
      for (let r = 0; r < RUNS; r++) {
        const a = await time(() => loadSnapshot(store, { sql }))
        withCp.push(a.seconds)
        files = a.value.files.size
        const b = await time(() => loadSnapshot(store, { sql, ignoreCheckpoints: true }))
        jsonOnly.push(b.seconds)
        if (b.value.files.size !== files) throw new Error('checkpoint and JSON replay disagree')
      }
      const tt = await time(() => loadSnapshot(store, { sql, version: 505 }))
      const cp = median(withCp)
      const js = median(jsonOnly)
      const measurements: Measurement[] = [
        {
          label: `build ${COMMITS} commits + checkpoints every ${INTERVAL}`,
          seconds: build.seconds,
        },
        {
          label: 'open latest from checkpoint (median of 5)',
          seconds: cp,
          extra: { liveFiles: files },
        },
        { label: 'open latest replaying all JSON (median of 5)', seconds: js },
        {
          label: 'time travel to version 505',
          seconds: tt.seconds,
          extra: { fromCheckpoint: tt.value.checkpointVersion ?? -1 },
        },
      ]
      const big = await open300k()
      if (big !== undefined) measurements.push(big)
      return {
        name: bench.name,
        measurements,
        ratios: [`JSON-only replay / checkpoint open = ${(js / cp).toFixed(1)}×`],
      }
    } finally {
      await sql.close()
      if (process.env['KEEP'] === undefined) rmSync(dir, { recursive: true, force: true })
      else console.log(dir)
    }
  },
}

export default bench
