/**
 * @module transform/template/relation
 * What `{{ ref('x') }}`, `{{ source('s', 't') }}` and `{{ this }}` evaluate to: a three-level name
 * (catalog.schema.table) that prints itself quoted, as dbt's `Relation` does.
 */
import { MAPPING } from './jinja/values.js'

/** A relation in the warehouse. Prints as `"catalog"."schema"."table"`. */
export class Relation {
  /** The catalog (dbt's database). */
  readonly database: string
  readonly schema: string
  readonly identifier: string
  /** dbt's Relation is a mapping (`obj is mapping`; dbt_utils checks `metadata.type`). */
  readonly [MAPPING] = true
  /** dbt's relation metadata (`{'type': 'DuckDBRelation'}`). */
  readonly metadata = { type: 'DuckDBRelation' }
  /** `view`, `table`, `cte` or null when unknown. */
  readonly type: string | null

  constructor(database: string, schema: string, identifier: string, type: string | null = null) {
    this.database = database
    this.schema = schema
    this.identifier = identifier
    this.type = type
  }

  /** dbt's alias of `identifier`. */
  get name(): string {
    return this.identifier
  }

  /** Whether this is an ephemeral model's CTE. */
  get is_cte(): boolean {
    return false
  }
  get is_table(): boolean {
    return this.type === 'table'
  }
  get is_view(): boolean {
    return this.type === 'view'
  }

  /** `relation.get('metadata')`: the relation read as a dict, as dbt allows. */
  get(key: string, fallback: unknown = null): unknown {
    const fields: Record<string, unknown> = {
      database: this.database,
      schema: this.schema,
      identifier: this.identifier,
      name: this.identifier,
      metadata: this.metadata,
      type: this.type,
    }
    return key in fields ? fields[key] : fallback
  }

  /**
   * `relation.include(database=false)`: the same relation printed without some parts.
   * Takes dbt's keyword object (`{ database, schema, identifier, __keywords }`).
   */
  include(kw: Record<string, unknown> = {}): Relation {
    return new PartialRelation(this, {
      database: kw['database'] !== false,
      schema: kw['schema'] !== false,
      identifier: kw['identifier'] !== false,
    })
  }

  /** `relation.incorporate(path={…}, type='table')`: a copy with some parts replaced. */
  incorporate(kw: Record<string, unknown> = {}): Relation {
    const path = (kw['path'] ?? {}) as Record<string, unknown>
    const str = (v: unknown, d: string): string => (typeof v === 'string' ? v : d)
    return new Relation(
      str(path['database'], this.database),
      str(path['schema'], this.schema),
      str(path['identifier'], this.identifier),
      typeof kw['type'] === 'string' ? kw['type'] : this.type,
    )
  }

  /** dbt's `relation.quote(...)`, `relation.render()`-compatible no-op (always quoted here). */
  quote(): Relation {
    return this
  }

  /** `relation.without_identifier()`: `"database"."schema"`. */
  without_identifier(): Relation {
    return this.include({ identifier: false })
  }

  /** The quoted three-level name. */
  render(): string {
    return [this.database, this.schema, this.identifier].map(quoteIdent).join('.')
  }

  toString(): string {
    return this.render()
  }
}

/** A relation printed with some of its parts left out (`include(database=false)`). */
class PartialRelation extends Relation {
  constructor(
    private readonly base: Relation,
    private readonly parts: { database: boolean; schema: boolean; identifier: boolean },
  ) {
    super(base.database, base.schema, base.identifier)
  }

  override render(): string {
    const p = this.parts
    return [p.database ? this.base.database : undefined, p.schema ? this.base.schema : undefined]
      .concat(p.identifier ? [this.base.identifier] : [])
      .filter((x): x is string => x !== undefined && x !== '')
      .map(quoteIdent)
      .join('.')
  }
}

/** An ephemeral model's stand-in: prints the CTE name it is inlined as. */
export class CteRelation extends Relation {
  constructor(identifier: string) {
    super('', '', identifier)
  }

  override get is_cte(): boolean {
    return true
  }

  override render(): string {
    return quoteIdent(`__dbt__cte__${this.identifier}`)
  }
}

/** Double-quotes an identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * The key of a relation in a set of existing relations (`adapter.get_relation`): the three parts,
 * lower-cased (DuckDB and Databricks identifiers are case-insensitive), joined with dots.
 */
export function relationKey(database: string, schema: string, identifier: string): string {
  return [database, schema, identifier].map((p) => p.toLowerCase()).join('.')
}
