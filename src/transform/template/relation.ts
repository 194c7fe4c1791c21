/**
 * @module transform/template/relation
 * What `{{ ref('x') }}`, `{{ source('s', 't') }}` and `{{ this }}` evaluate to: a three-level name
 * (catalog.schema.table) that prints itself quoted, as dbt's `Relation` does.
 */

/** A relation in the warehouse. Prints as `"catalog"."schema"."table"`. */
export class Relation {
  /** The catalog (dbt's database). */
  readonly database: string
  readonly schema: string
  readonly identifier: string

  constructor(database: string, schema: string, identifier: string) {
    this.database = database
    this.schema = schema
    this.identifier = identifier
  }

  /** dbt's alias of `identifier`. */
  get name(): string {
    return this.identifier
  }

  /** The quoted three-level name. */
  render(): string {
    return [this.database, this.schema, this.identifier].map(quoteIdent).join('.')
  }

  toString(): string {
    return this.render()
  }
}

/** An ephemeral model's stand-in: prints the CTE name it is inlined as. */
export class CteRelation extends Relation {
  constructor(identifier: string) {
    super('', '', identifier)
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
