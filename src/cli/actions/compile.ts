/**
 * @module cli/actions/compile
 * `pitwall compile` (as `dbt compile`): renders the selected nodes to SQL without touching the
 * warehouse, writes them to `<home>/target/compiled/` and the manifest, and prints the SQL of a
 * single selected node. Template errors are listed with file:line:col, each once. Exit 2 when the
 * project's files have errors (as build and run), 1 when a node fails to render.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { formatDiagnostic, type Diagnostic } from '../../core/index.js'
import {
  buildDag,
  buildManifest,
  compileNode,
  compiledPath,
  evaluateSelector,
  selectNodes,
  type CompiledNode,
} from '../../transform/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { existingRelations } from '../wiring/transform-runtime.js'
import {
  loadProject,
  readArtifact,
  stateMacros,
  stateNodes,
  targetDir,
  writeArtifact,
} from '../wiring/transform-project.js'
import { statusesOf } from '../../transform/index.js'

/** Options of `pitwall compile`. */
interface CompileFlags {
  select?: string[]
  exclude?: string[]
  selector?: string
  vars?: string
  state?: string
  incremental?: boolean
}

/** Runs `pitwall compile`. */
export async function run(ctx: CliContext, { opts }: ActionInput<CompileFlags>): Promise<void> {
  const project = await loadProject(ctx, {
    ...(opts.vars === undefined ? {} : { vars: opts.vars }),
  })
  // Problems the parse found (the project's files are wrong: exit 2, as build and run) and those
  // found rendering a node (exit 1). A node the parse already faulted is not rendered again, so
  // each problem is reported once.
  const problems: Diagnostic[] = project.diagnostics.filter((d) => d.severity === 'error')
  const parseErrors = problems.length
  const faulted = new Set(problems.flatMap((d) => (d.nodeId === undefined ? [] : [d.nodeId])))
  const state = await readArtifact(ctx, 'manifest.json', opts.state)
  const last = await readArtifact(ctx, 'run_results.json', opts.state)
  const dag = buildDag(project.nodes, Object.keys(project.sources))
  const selection = {
    nodes: { ...project.nodes, ...project.sources },
    dag,
    ...(state === undefined ? {} : { state: stateNodes(state)!, stateMacros: stateMacros(state)! }),
    macros: project.macros,
    ...(last === undefined ? {} : { results: statusesOf(last) }),
  }
  const selected = selectNodes(selection, opts.select, opts.exclude, {
    resourceTypes: ['model', 'test', 'snapshot', 'analysis'],
    indirectTests: opts.select === undefined && opts.selector === undefined,
    ...(opts.selector === undefined
      ? {}
      : { base: evaluateSelector(selection, project.selectors, opts.selector) }),
  })
  const compiled = new Map<string, CompiledNode>()
  // adapter.get_relation answers from what exists under --home, as in a run.
  const relations = existingRelations(ctx.home, project)
  const dir = await targetDir(ctx)
  for (const id of dag.order.filter((i) => selected.has(i))) {
    const node = project.nodes[id]!
    if (faulted.has(id)) continue
    const r = compileNode(project, id, {
      isIncremental: opts.incremental === true && node.config.materialized === 'incremental',
      relations,
    })
    if (!r.ok) {
      problems.push(r.diagnostic)
      continue
    }
    compiled.set(id, r.node)
    // Where dbt writes it (and `pitwall build` too): a YAML test under `<schema.yml>/<name>.sql`.
    const out = join(dir, compiledPath(node))
    await mkdir(dirname(out), { recursive: true })
    await writeFile(out, `${r.node.compiled_code}\n`)
  }
  await writeArtifact(
    ctx,
    'manifest.json',
    buildManifest(
      project,
      { invocationId: randomUUID(), generatedAt: new Date().toISOString() },
      compiled,
    ),
  )
  for (const d of problems) ctx.logger.error(formatDiagnostic(d))
  if (problems.length > 0) ctx.setExitCode(parseErrors > 0 ? 2 : 1)
  const single = compiled.size === 1 ? [...compiled.values()][0] : undefined
  const human =
    single !== undefined
      ? single.compiled_code
      : `Compiled ${compiled.size} node(s) to ${join(dir, 'compiled')}${problems.length > 0 ? `; ${problems.length} error(s) above` : ''}`
  ctx.emit(
    {
      compiled: [...compiled.values()].map((c) => ({
        unique_id: c.unique_id,
        relation_name: c.relation_name,
        compiled_code: c.compiled_code,
      })),
      errors: problems,
    },
    human,
  )
}
