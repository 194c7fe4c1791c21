import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DuckDbEngine, type Engine } from '../engine/index.js'
import { objectStoreFor } from '../lake/index.js'
import { AUDIT_TABLE, AuditLog, type AuditRecord } from './audit-log.js'
import { readSystemTable, type CatalogStorage } from './system-tables.js'

const CATALOG = 'dev_f1_data_analytics'

function record(i: number, over: Partial<AuditRecord> = {}): AuditRecord {
  return {
    time: new Date(Date.UTC(2026, 11, 1, 23, 59, 59, 500) + i * 1000),
    requestId: `req-${i}`,
    principal: i % 3 === 0 ? null : 'data_analysts',
    action: 'api.read',
    resource: `GET /api/sessions/{session_key}/leaderboard?o'k=${i}`,
    objects: i % 2 === 0 ? [] : [`${CATALOG}.gold_analytics.session_leaderboard`, 'a.b.c'],
    rows: i % 4 === 0 ? null : i * 10,
    allowed: i % 2 === 1,
    outcome: i % 2 === 1 ? 'ok' : 'denied',
    status: i % 5 === 0 ? null : 200,
    reason: i % 2 === 1 ? null : `no SELECT on it's table ${i}`,
    clientAddress: '127.0.0.1',
    sql: i === 1 ? 'select 1 -- Bearer pwt_abcdef012345_AAAAAAAAAAAAAAAAAAAAAAAAAAAA' : null,
    plan: null,
    durationMs: i + 0.25,
    ...over,
  }
}

/** The same engine without its staging capability: audit batches go in as a VALUES query. */
function withoutStaging(engine: Engine): Engine {
  return {
    query: (sql) => engine.query(sql),
    all: (sql) => engine.all(sql),
    run: (sql) => engine.run(sql),
    close: () => engine.close(),
  }
}

describe('AuditLog', () => {
  let home: string
  let engine: DuckDbEngine
  beforeEach(async () => {
    home = mkdtempSync(`${tmpdir()}/pitwall-audit-`)
    engine = await DuckDbEngine.create()
  })
  afterEach(async () => {
    await engine.close()
    rmSync(home, { recursive: true, force: true })
  })

  it('writes staged batches with the same columns and values as VALUES batches, secrets redacted', async () => {
    const storage = (e: Engine): CatalogStorage => ({ home, storeFor: objectStoreFor, engine: e })
    // The table is created by the VALUES path, then appended to by the staged one (and back):
    // a type that differed would fail Delta's schema check on the append.
    const plain = new AuditLog({ storage: storage(withoutStaging(engine)), catalog: CATALOG })
    const staged = new AuditLog({ storage: storage(engine), catalog: CATALOG })
    const batches: [AuditLog, AuditRecord[]][] = [
      [plain, [0, 1, 2, 3].map((i) => record(i))],
      [staged, [4, 5, 6, 7].map((i) => record(i))],
      [plain, [8].map((i) => record(i))],
      [staged, [9, 1].map((i) => record(i, { requestId: `again-${i}` }))],
    ]
    for (const [log, records] of batches) {
      for (const r of records) log.record(r)
      await log.flush()
    }
    const rows = await readSystemTable(
      storage(engine),
      CATALOG,
      AUDIT_TABLE,
      `request_id, principal, objects, row_count, allowed, status_code, reason, resource, sql_text,
       duration_ms, strftime(event_time AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%g') AS at, event_date::VARCHAR AS day`,
      'request_id',
    )
    const expected = batches
      .flatMap(([, records]) => records)
      .map((r) => ({
        request_id: r.requestId,
        principal: r.principal,
        objects: r.objects,
        row_count: r.rows,
        allowed: r.allowed,
        status_code: r.status,
        reason: r.reason,
        resource: r.resource,
        sql_text: r.sql === null ? null : 'select 1 -- Bearer [redacted]',
        duration_ms: r.durationMs,
        at: r.time.toISOString().replace('T', ' ').replace('Z', ''),
        day: r.time.toISOString().slice(0, 10),
      }))
      .sort((a, b) => (a.request_id < b.request_id ? -1 : 1))
    expect(rows).toEqual(expected)
    // Days of UTC: 23:59:59.5 on the 1st, then the 2nd.
    expect(new Set(rows?.map((r) => r['day']))).toEqual(new Set(['2026-12-01', '2026-12-02']))
    // The staging table is dropped after each batch.
    expect(await engine.all(`SELECT table_name FROM duckdb_tables() WHERE temporary`)).toEqual([])
  })
})
