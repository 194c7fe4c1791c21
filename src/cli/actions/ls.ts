/**
 * @module cli/actions/ls
 * `pitwall ls` (as `dbt ls`): lists the project's nodes that a selection matches.
 */
import { UsageError, formatDiagnostic } from '../../core/index.js'
import { buildDag, evaluateSelector, selectNodes, statusesOf } from '../../transform/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { loadProject, readArtifact, stateMacros, stateNodes } from '../wiring/transform-project.js'
import { LS_OUTPUTS as OUTPUTS } from '../commands/ls.js'

/** Options of `pitwall ls`. */
interface LsFlags {
  select?: string[]
  exclude?: string[]
  selector?: string
  vars?: string
  state?: string
  resourceType?: string[]
  output: string
}

/** Runs `pitwall ls`. */
export async function run(ctx: CliContext, { opts }: ActionInput<LsFlags>): Promise<void> {
  if (!(OUTPUTS as readonly string[]).includes(opts.output)) {
    throw new UsageError(`--output must be one of ${OUTPUTS.join(', ')} (got '${opts.output}')`)
  }
  const project = await loadProject(ctx, {
    ...(opts.vars === undefined ? {} : { vars: opts.vars }),
  })
  // As dbt ls, which fails building the manifest: a project with parse errors (a ref to no model,
  // a bad config) lists nothing, reports each error and exits 2, as compile and build do.
  const errors = project.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length > 0) {
    for (const d of errors) ctx.logger.error(formatDiagnostic(d))
    ctx.setExitCode(2)
    return
  }
  const state = await readArtifact(ctx, 'manifest.json', opts.state)
  const last = await readArtifact(ctx, 'run_results.json', opts.state)
  const all = { ...project.nodes, ...project.sources }
  const dag = buildDag(project.nodes, Object.keys(project.sources))
  const selection = {
    nodes: all,
    dag,
    ...(state === undefined ? {} : { state: stateNodes(state)!, stateMacros: stateMacros(state)! }),
    macros: project.macros,
    ...(last === undefined ? {} : { results: statusesOf(last) }),
  }
  const ids = selectNodes(selection, opts.select, opts.exclude, {
    ...(opts.resourceType === undefined ? {} : { resourceTypes: opts.resourceType }),
    ...(opts.selector === undefined
      ? {}
      : { base: evaluateSelector(selection, project.selectors, opts.selector) }),
  })
  const nodes = [...ids].sort().map((id) => all[id]!)
  if (nodes.length === 0) {
    // As dbt ls: say so on stderr (stdout stays empty for scripts), naming criteria that match
    // nothing at all.
    const terms = (opts.select ?? []).flatMap((s) => s.split(/\s+/)).filter((t) => t !== '')
    for (const term of terms) {
      if (selectNodes(selection, [term], undefined, { indirectTests: false }).size === 0)
        ctx.logger.warn(`The selection criterion '${term}' does not match any enabled nodes`)
    }
    ctx.logger.warn('No nodes selected!')
    if (ctx.json) ctx.emit([], '')
    return
  }
  const lines = nodes.map((n) =>
    opts.output === 'name'
      ? n.name
      : opts.output === 'path'
        ? n.original_file_path
        : opts.output === 'json'
          ? JSON.stringify({
              unique_id: n.unique_id,
              name: n.name,
              resource_type: n.resource_type,
              original_file_path: n.original_file_path,
              tags: n.tags,
            })
          : n.fqn.join('.'),
  )
  ctx.emit(
    nodes.map((n) => ({
      unique_id: n.unique_id,
      name: n.name,
      resource_type: n.resource_type,
      original_file_path: n.original_file_path,
      fqn: n.fqn,
      tags: n.tags,
    })),
    lines.join('\n'),
  )
}
