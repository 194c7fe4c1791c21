/**
 * @module transform/materialize/contract
 * Model contracts (`contract: {enforced: true}`): before a model is written, the columns its query
 * returns must be exactly the columns its schema YAML declares, with the declared `data_type`s.
 * A mismatch fails the model and lists every difference.
 */
import type { ProjectNode } from '../project/types.js'
import type { WarehouseColumn } from './warehouse.js'

const ALIASES: Record<string, string> = {
  INT: 'INTEGER',
  INT4: 'INTEGER',
  INT8: 'BIGINT',
  LONG: 'BIGINT',
  SMALLINT: 'SMALLINT',
  STRING: 'VARCHAR',
  TEXT: 'VARCHAR',
  CHAR: 'VARCHAR',
  BPCHAR: 'VARCHAR',
  FLOAT8: 'DOUBLE',
  'DOUBLE PRECISION': 'DOUBLE',
  FLOAT4: 'FLOAT',
  REAL: 'FLOAT',
  BOOL: 'BOOLEAN',
  NUMERIC: 'DECIMAL',
  DATETIME: 'TIMESTAMP',
}

/** A type name in canonical form (`int` → `INTEGER`, `string` → `VARCHAR`). */
export function canonicalType(type: string): string {
  const t = type.trim().toUpperCase().replace(/\s+/g, ' ')
  const base = t.replace(/\(.*\)$/, '')
  const args = t.slice(base.length).replace(/\s/g, '')
  return `${ALIASES[base] ?? base}${args}`
}

/** True when the node's contract is enforced. */
export function hasContract(node: ProjectNode): boolean {
  const c = node.config['contract']
  return c !== null && typeof c === 'object' && (c as { enforced?: unknown }).enforced === true
}

/** The differences between the query's columns and the contract; empty when it holds. */
export function contractViolations(
  node: ProjectNode,
  actual: readonly WarehouseColumn[],
): string[] {
  const declared = Object.values(node.columns)
  const problems: string[] = []
  for (const col of declared) {
    if (col.data_type === null)
      problems.push(`column ${col.name} has no data_type in the schema YAML`)
  }
  const got = new Map(actual.map((c) => [c.name.toLowerCase(), c]))
  const want = new Map(declared.map((c) => [c.name.toLowerCase(), c]))
  for (const [name, col] of want) {
    const a = got.get(name)
    if (a === undefined) problems.push(`missing column ${col.name}`)
    else if (col.data_type !== null && canonicalType(a.type) !== canonicalType(col.data_type)) {
      problems.push(`column ${col.name} is ${a.type}, the contract says ${col.data_type}`)
    }
  }
  for (const [name, a] of got) if (!want.has(name)) problems.push(`extra column ${a.name}`)
  return problems
}
