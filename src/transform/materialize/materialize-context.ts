/**
 * @module transform/materialize/materialize-context
 * What every materialization (models, microbatch, seeds, snapshots) runs with and returns, and
 * the helpers they share: a node's relation, and its compiled SQL or a thrown template error.
 */
import { compileNode, relationOf } from '../compile/compile-node.js'
import { compileExecuting } from '../compile/execution-loop.js'
import type { ParsedProject } from '../project/parse-project.js'
import type { ProjectNode } from '../project/types.js'
import { TemplateError } from '../transform-errors.js'
import type { RelationName, Warehouse } from './warehouse.js'
import { warehouseAnswerer } from './warehouse-answers.js'

/** What a materialization needs. */
export interface MaterializeContext {
  readonly project: ParsedProject
  readonly warehouse: Warehouse
  /** `--full-refresh`. */
  readonly fullRefresh: boolean
  /** The run's timestamp (ISO): microbatch windows end here. */
  readonly now?: string
  /** `--empty`: refs and sources read zero rows. */
  readonly empty?: boolean
  /** Microbatch backfill window (`--event-time-start` / `--event-time-end`, ISO). */
  readonly eventTimeStart?: string
  readonly eventTimeEnd?: string
  /**
   * The relations that exist (keys from `relationKey`), for `adapter.get_relation`; the runner
   * adds each relation it creates. Absent: every relation is taken to exist.
   */
  readonly relations?: Set<string>
}

/** What a materialization did. */
export interface MaterializeOutcome {
  /** e.g. `OK created table`, `MERGE 12 inserted, 3 updated`. */
  readonly message: string
  readonly rowsAffected: number
  readonly compiledCode: string
  readonly relationName: string | null
}

/** The relation of a node as a {@link RelationName}. */
export function relationName(node: ProjectNode): RelationName {
  const r = relationOf(node)
  return { database: r.database, schema: r.schema, identifier: r.identifier }
}

/**
 * Compiles a node at execution time (introspective macros answered by the run's warehouse), or
 * throws the template's diagnostic as a {@link TemplateError}.
 */
export async function compileOrThrow(
  ctx: Pick<MaterializeContext, 'project' | 'warehouse' | 'relations'>,
  node: ProjectNode,
  isIncremental: boolean,
  empty = false,
): Promise<{ sql: string; relation: string | null }> {
  const r = await compileExecuting(
    ctx.project,
    node.unique_id,
    {
      isIncremental,
      empty,
      ...(ctx.relations === undefined ? {} : { relations: ctx.relations }),
    },
    warehouseAnswerer(ctx.warehouse),
  )
  if (!r.ok) throw new TemplateError(r.diagnostic)
  return { sql: r.node.compiled_code, relation: r.node.relation_name }
}

/**
 * The SQL a node's up-to-date fingerprint is taken from (`run/up-to-date.ts`): the node compiled
 * without the warehouse (`flags.INTROSPECT` false) when its template renders that way, else as at
 * execution ({@link compileOrThrow}). SQL a macro derives from the warehouse's state while the
 * build runs — the warehouse's session-key literals (issue 16) — would otherwise change the key
 * after every build, so a build with no new data would never find the node up to date; that
 * state is the inputs' and the node's own versions, which the build record holds beside the key.
 * A compile without the warehouse also runs no query, so the check stays cheap.
 */
export async function fingerprintSql(
  ctx: Pick<MaterializeContext, 'project' | 'warehouse' | 'relations'>,
  node: ProjectNode,
  isIncremental: boolean,
): Promise<string> {
  const relations = ctx.relations === undefined ? {} : { relations: ctx.relations }
  const offline = compileNode(ctx.project, node.unique_id, { isIncremental, ...relations })
  if (offline.ok) return offline.node.compiled_code
  return (await compileOrThrow(ctx, node, isIncremental, false)).sql
}
