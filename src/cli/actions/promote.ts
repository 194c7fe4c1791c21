/**
 * @module cli/actions/promote
 * `pitwall promote`: tests on the source catalog (a failure refuses, exit 1), then a deep copy
 * of every selected table into the destination catalog, recorded in the destination's history.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { environmentsOf, findEnvironment, tableName, tablePath } from '../../catalog/index.js'
import { UsageError } from '../../core/index.js'
import { copyTable, promote, type PromotedTable } from '../../pipeline/index.js'
import { buildDag, selectNodes } from '../../transform/index.js'
import type { ActionInput } from '../command-spec.js'
import { createContext, type CliContext } from '../context.js'
import { openDuckDb, storeFor } from '../wiring/adapters.js'
import { openHistory } from '../wiring/pipeline-runtime.js'
import { loadProject } from '../wiring/transform-project.js'
import { executeCommand } from '../wiring/transform-run.js'

interface Flags {
  from: string
  to: string
  select?: string[]
}

/** The context of another target (same home, project and output). */
function contextFor(ctx: CliContext, target: string): CliContext {
  return createContext(
    {
      home: ctx.home,
      projectDir: ctx.projectDir,
      profilesDir: ctx.profilesDir,
      target,
      ...(ctx.json ? { json: true } : {}),
    },
    ctx.io,
  )
}

/** Runs `pitwall promote`. */
export async function run(ctx: CliContext, { opts }: ActionInput<Flags>): Promise<void> {
  const envs = environmentsOf(await ctx.config())
  const from = findEnvironment(envs, opts.from)
  const to = findEnvironment(envs, opts.to)
  if (from.catalog === to.catalog) {
    throw new UsageError(`--from and --to are the same catalog (${from.catalog})`)
  }
  const source = contextFor(ctx, from.target)
  const dest = contextFor(ctx, to.target)
  const history = await openHistory(dest)
  const engine = await openDuckDb()
  try {
    const outcome = await promote({
      history: history.history,
      from,
      to,
      params: { from: from.target, to: to.target, select: opts.select ?? [] },
      stages: {
        async test() {
          const r = await executeCommand(
            source,
            'test',
            opts.select === undefined ? {} : { select: opts.select },
          )
          return {
            results: r.outcome.results,
            success: r.outcome.success,
            elapsed: r.outcome.elapsed,
          }
        },
        async tables() {
          const project = await loadProject(source)
          const ids = selectNodes(
            {
              nodes: { ...project.nodes, ...project.sources },
              dag: buildDag(project.nodes, Object.keys(project.sources)),
            },
            opts.select,
            undefined,
            { resourceTypes: ['model', 'seed', 'snapshot'], indirectTests: false },
          )
          const out: PromotedTable[] = []
          for (const id of [...ids].sort()) {
            const n = project.nodes[id]
            if (n === undefined || ['ephemeral', 'view'].includes(n.config.materialized ?? ''))
              continue
            const path = tablePath(ctx.home, tableName(from.catalog, n.schema, n.alias))
            if (existsSync(join(path, '_delta_log')))
              out.push({ name: `${n.schema}.${n.alias}`, kind: n.resource_type })
          }
          return out
        },
        copy(t) {
          const [schema = '', table = ''] = t.name.split('.')
          return copyTable({
            engine,
            storeFor,
            sourceName: `${from.catalog}.${t.name}`,
            sourceLocation: tablePath(ctx.home, tableName(from.catalog, schema, table)),
            targetLocation: tablePath(ctx.home, tableName(to.catalog, schema, table)),
          })
        },
      },
    })
    const lines = [
      `promote ${from.target} (${from.catalog}) → ${to.target} (${to.catalog}): ${outcome.status}`,
      `  tests on ${from.catalog}: ${outcome.tests.passed} passed, ${outcome.tests.warned} warned, ${outcome.tests.failed.length} failed`,
      ...outcome.tests.failed.slice(0, 10).map((t) => `  failed: ${t}`),
      ...(outcome.status === 'refused'
        ? [`refused: ${outcome.message}`]
        : [`  ${outcome.message}`]),
      ...outcome.tables
        .filter((t) => t.status === 'failed')
        .map((t) => `  failed: ${t.name}: ${t.error ?? ''}`),
      `recorded as run ${outcome.runId} (pitwall --target ${to.target} runs show ${outcome.runId})`,
    ]
    ctx.emit(outcome, lines.join('\n'))
    if (outcome.status !== 'success') ctx.setExitCode(1)
  } finally {
    await engine.close()
    await history.close()
  }
}
