/**
 * The only fake of issue 17: a recording stand-in for the `@databricks/sql` driver's
 * client/session/operation shapes (no Databricks is reachable from here). It records every
 * statement and answers from a small model of the catalog it builds from the DDL it sees
 * (CREATE OR REPLACE TABLE/VIEW, DROP), so `information_schema` lookups, `DESCRIBE HISTORY` and
 * DML row counts get canned but consistent answers; any other query returns no rows.
 */
import type {
  DatabricksClient,
  DatabricksOperation,
  DatabricksSession,
} from '../../src/engine/index.js'

/** A recording fake client. */
export interface FakeDriver extends DatabricksClient {
  /** Every statement executed, in order. */
  readonly statements: string[]
  /** Tables and views that exist (`catalog.schema.name` → kind). */
  readonly relations: Map<string, { kind: 'table' | 'view'; columns: string[] }>
  readonly sessions: { initialCatalog?: string; closed: boolean }[]
}

const NAME = '`([^`]+)`\\.`([^`]+)`\\.`([^`]+)`'

function op(rows: object[], columns: string[] = []): DatabricksOperation {
  return {
    fetchAll: async () => rows,
    getSchema: async () => ({ columns: columns.map((c) => ({ columnName: c })) }),
    close: async () => undefined,
  }
}

/** A fresh fake; `relations` may be seeded (existing tables) before a build. */
export function fakeDriver(): FakeDriver {
  const statements: string[] = []
  const relations = new Map<string, { kind: 'table' | 'view'; columns: string[] }>()
  const sessions: { initialCatalog?: string; closed: boolean }[] = []
  const answer = (sql: string): DatabricksOperation => {
    statements.push(sql)
    const create = new RegExp(`^CREATE OR REPLACE (TABLE|VIEW) ${NAME}`).exec(sql)
    if (create !== null) {
      // Partition columns are what describe() needs of a table's columns here.
      const parts = /\nPARTITIONED BY \(([^)]*)\)/.exec(sql)?.[1] ?? ''
      relations.set(`${create[2]}.${create[3]}.${create[4]}`, {
        kind: create[1] === 'VIEW' ? 'view' : 'table',
        columns: parts === '' ? [] : parts.split(', ').map((c) => c.replaceAll('`', '')),
      })
      return op([{ num_affected_rows: 0, num_inserted_rows: 0 }])
    }
    const drop = new RegExp(`^DROP (TABLE|VIEW) IF EXISTS ${NAME}`).exec(sql)
    if (drop !== null) {
      relations.delete(`${drop[2]}.${drop[3]}.${drop[4]}`)
      return op([])
    }
    const info =
      /FROM `([^`]+)`\.information_schema\.(tables|columns) WHERE table_schema = '([^']*)' AND table_name = '([^']*)'/.exec(
        sql,
      )
    if (info !== null) {
      const rel = relations.get(`${info[1]}.${info[3]}.${info[4]}`)
      if (rel === undefined) return op([])
      if (info[2] === 'tables')
        return op([{ table_type: rel.kind === 'view' ? 'VIEW' : 'MANAGED' }])
      return op(
        rel.columns.map((c, i) => ({
          column_name: c,
          full_data_type: 'bigint',
          ordinal_position: i,
          partition_index: i,
        })),
      )
    }
    // Every look at a table's history sees a newer version: inputs always changed, nothing skipped.
    if (sql.startsWith('DESCRIBE HISTORY')) return op([{ version: statements.length }])
    // A batch is never empty, so incremental models reach their strategy.
    if (/^select count\(\*\) as n from/.test(sql)) return op([{ n: 1 }], ['n'])
    if (sql.startsWith('MERGE'))
      return op([{ num_affected_rows: 3, num_inserted_rows: 2, num_updated_rows: 1 }])
    if (sql.startsWith('INSERT') || sql.startsWith('DELETE'))
      return op([{ num_affected_rows: 1, num_inserted_rows: 1 }])
    return op([])
  }
  return {
    statements,
    relations,
    sessions,
    async openSession(request) {
      const s: { initialCatalog?: string; closed: boolean } = {
        ...(request?.initialCatalog === undefined
          ? {}
          : { initialCatalog: request.initialCatalog }),
        closed: false,
      }
      sessions.push(s)
      const session: DatabricksSession = {
        executeStatement: async (statement) => answer(statement),
        close: async () => {
          s.closed = true
        },
      }
      return session
    },
    close: async () => undefined,
  }
}
