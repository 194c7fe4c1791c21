/**
 * A selective scan of a partitioned Delta table: pitwall's scan (log replay, partition + min/max
 * stats pruning, then `read_parquet` over the kept files) vs DuckDB's plain `read_parquet` over
 * every data file with the same row predicate. 40 days × 5 files × 25,000 rows = 5M rows; the
 * query asks for one day and an id range inside it. Ratio: full read / pruned scan.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDbEngine } from '../src/engine/index.js'
import {
  LocalObjectStore,
  commitPath,
  loadSnapshot,
  planScan,
  scanSql,
  serializeActions,
  sqlString,
  type Action,
  type ScanFilter,
} from '../src/lake/index.js'
import { time, type Benchmark, type Measurement } from './harness.js'

const DAYS = 40
const FILES_PER_DAY = 5
const ROWS = 25_000
const RUNS = 5

const day = (d: number) => `2024-06-${String(d + 1).padStart(2, '0')}`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

const bench: Benchmark = {
  name: 'delta-scan: partition + stats pruning vs full read_parquet',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'pitwall-bench-scan-'))
    const sql = await DuckDbEngine.create()
    try {
      const store = new LocalObjectStore(dir)
      const actions: Action[] = [
        { protocol: { minReaderVersion: 1, minWriterVersion: 2 } },
        {
          metaData: {
            id: 'bench-scan',
            format: { provider: 'parquet', options: {} },
            schemaString: JSON.stringify({
              type: 'struct',
              fields: [
                { name: 'id', type: 'long', nullable: true, metadata: {} },
                { name: 'driver', type: 'integer', nullable: true, metadata: {} },
                { name: 'speed', type: 'double', nullable: true, metadata: {} },
                { name: 'batch_day', type: 'date', nullable: true, metadata: {} },
              ],
            }),
            partitionColumns: ['batch_day'],
            configuration: {},
          },
        },
      ]
      const all: string[] = []
      const build = await time(async () => {
        for (let d = 0; d < DAYS; d++) {
          mkdirSync(join(dir, `batch_day=${day(d)}`), { recursive: true })
          for (let f = 0; f < FILES_PER_DAY; f++) {
            const first = (d * FILES_PER_DAY + f) * ROWS
            const rel = `batch_day=${day(d)}/part-${f}.parquet`
            const file = join(dir, rel)
            await sql.run(
              `COPY (SELECT (${first} + i)::BIGINT AS id, (i % 20)::INTEGER AS driver, (200 + (i * 7919) % 150)::DOUBLE AS speed FROM range(${ROWS}) t(i)) TO ${sqlString(file)} (FORMAT parquet)`,
            )
            all.push(file)
            actions.push({
              add: {
                path: rel,
                partitionValues: { batch_day: day(d) },
                size: 1,
                modificationTime: 0,
                dataChange: true,
                stats: JSON.stringify({
                  numRecords: ROWS,
                  minValues: { id: first, driver: 0, speed: 200 },
                  maxValues: { id: first + ROWS - 1, driver: 19, speed: 349 },
                  nullCount: { id: 0, driver: 0, speed: 0 },
                }),
              },
            })
          }
        }
        await store.putIfAbsent(commitPath(0), new TextEncoder().encode(serializeActions(actions)))
      })
      const d = 17
      const lo = (d * FILES_PER_DAY + 2) * ROWS + 1000
      const hi = lo + 5000
      const filter: ScanFilter = {
        op: 'and',
        filters: [
          { op: '=', column: 'batch_day', value: day(d) },
          { op: '>=', column: 'id', value: lo },
          { op: '<', column: 'id', value: hi },
        ],
      }
      const baseline = `SELECT count(*) AS n, sum(speed) AS s FROM read_parquet([${all.map(sqlString).join(', ')}]) WHERE id >= ${lo} AND id < ${hi}`
      const fulls: number[] = []
      const pruneds: number[] = []
      const plans: number[] = []
      let kept = 0
      for (let r = 0; r < RUNS; r++) {
        const full = await time(() => sql.all(baseline))
        fulls.push(full.seconds)
        const ours = await time(async () => {
          const p = await time(async () => {
            const snapshot = await loadSnapshot(store, { sql })
            const plan = planScan(snapshot, filter)
            return { plan, text: await scanSql(snapshot, { sql, filter, plan }) }
          })
          plans.push(p.seconds)
          kept = p.value.plan.files.length
          return sql.all(`SELECT count(*) AS n, sum(speed) AS s FROM (${p.value.text})`)
        })
        pruneds.push(ours.seconds)
        if (
          String(full.value[0]?.['s']) !== String(ours.value[0]?.['s']) ||
          Number(ours.value[0]?.['n']) !== 5000
        ) {
          throw new Error(
            `results differ: ${JSON.stringify(full.value)} vs ${JSON.stringify(ours.value)}`,
          )
        }
      }
      const f = median(fulls)
      const p = median(pruneds)
      const measurements: Measurement[] = [
        {
          label: `write ${DAYS * FILES_PER_DAY} files, ${DAYS * FILES_PER_DAY * ROWS} rows`,
          seconds: build.seconds,
        },
        {
          label: 'full read_parquet over all files (median of 5)',
          seconds: f,
          extra: { files: all.length },
        },
        {
          label: 'pitwall open + prune + scan (median of 5)',
          seconds: p,
          extra: { filesRead: kept },
        },
        { label: '  of which open + plan + SQL', seconds: median(plans) },
      ]
      return {
        name: bench.name,
        measurements,
        ratios: [
          `full read_parquet / pruned pitwall scan = ${(f / p).toFixed(1)}× (${kept} of ${all.length} files read)`,
        ],
      }
    } finally {
      await sql.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}

export default bench
