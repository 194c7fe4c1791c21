/**
 * @module cli/actions/source-freshness
 * `pitwall source freshness` (as `dbt source freshness`): checks each source table's newest
 * `loaded_at_field` against its `freshness` rule and writes `<home>/target/sources.json`.
 * Exit code 1 when a source is stale past `error_after` or cannot be queried.
 */
import { randomUUID } from 'node:crypto'
import { buildDag, checkFreshness, selectNodes } from '../../transform/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { loadProject, writeArtifact } from '../wiring/transform-project.js'
import { openRuntime } from '../wiring/transform-runtime.js'

/** Runs `pitwall source freshness`. */
export async function run(
  ctx: CliContext,
  { opts }: ActionInput<{ select?: string[] }>,
): Promise<void> {
  const project = await loadProject(ctx)
  const ids =
    opts.select === undefined
      ? undefined
      : selectNodes(
          {
            nodes: { ...project.nodes, ...project.sources },
            dag: buildDag(project.nodes, Object.keys(project.sources)),
          },
          opts.select,
          undefined,
          { resourceTypes: ['source'], indirectTests: false },
        )
  const runtime = await openRuntime(ctx, project)
  try {
    const artifact = await checkFreshness(
      project,
      runtime.warehouse,
      { invocationId: randomUUID(), generatedAt: new Date().toISOString() },
      new Date(),
      ids,
    )
    const path = await writeArtifact(ctx, 'sources.json', artifact)
    const bad = artifact.results.filter((r) => r.status === 'error' || r.status === 'runtime error')
    if (bad.length > 0) ctx.setExitCode(1)
    const lines = artifact.results.map(
      (r) =>
        `${r.status.toUpperCase().padEnd(13)} ${r.unique_id}  max loaded at ${r.max_loaded_at ?? 'never'}${r.max_loaded_at_time_ago_in_s === null ? '' : ` (${Math.round(r.max_loaded_at_time_ago_in_s / 60)} min ago)`}${r.message === undefined ? '' : `: ${r.message}`}`,
    )
    ctx.emit(
      artifact,
      `${lines.join('\n') || 'No source has a freshness rule with a loaded_at_field.'}\nsources.json: ${path}`,
    )
  } finally {
    await runtime.close()
  }
}
