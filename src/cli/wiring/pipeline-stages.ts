/**
 * @module cli/wiring/pipeline-stages
 * The pipeline's stages wired to the real layers (the composition root's job): an OpenF1 client
 * for discovery and extraction, the loader (`runLoad`) and the transformation runner
 * (`executeCommand('build')`, which writes the target's artifacts as `pitwall build` does).
 */
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { randomUUID } from 'node:crypto'
import {
  OpenF1Client,
  TokenProvider,
  credentialsFromEnv,
  discoverSessions,
  parseRateSpec,
  runExtraction,
  tokenUrlFor,
  type EndpointName,
  type SessionCriteria,
} from '../../openf1/index.js'
import {
  partitionOf,
  type FreshnessEntry,
  type PipelineStages,
  type SessionPartition,
} from '../../pipeline/index.js'
import { LAYER_SCHEMAS, currentEnvironment } from '../../catalog/index.js'
import { checkFreshness } from '../../transform/index.js'
import type { CliContext } from '../context.js'
import type { PipelineParams } from './pipeline-params.js'
import { runLoad } from './run-load.js'
import { loadProject, writeArtifact } from './transform-project.js'
import { executeCommand } from './transform-run.js'
import { openRuntime } from './transform-runtime.js'

/** The OpenF1 client a run's parameters describe. */
export function clientFor(ctx: CliContext, params: PipelineParams): OpenF1Client {
  const credentials = credentialsFromEnv(ctx.io.env)
  return new OpenF1Client({
    baseUrl: params.baseUrl,
    rate: parseRateSpec(params.rate),
    concurrency: params.concurrency,
    retry: { attempts: params.retries },
    timeoutMs: params.timeoutSeconds * 1000,
    logger: ctx.logger,
    ...(credentials === undefined
      ? {}
      : { tokens: new TokenProvider(credentials, tokenUrlFor(params.baseUrl)) }),
  })
}

/** The criteria of each discovery call (one per season, or one without a season). */
export function criteriaOf(params: PipelineParams): SessionCriteria[] {
  const rest: SessionCriteria = {
    ...(params.meeting === undefined ? {} : { meeting: params.meeting }),
    ...(params.sessions === undefined ? {} : { sessions: params.sessions }),
    ...(params.from === undefined ? {} : { from: params.from }),
    ...(params.to === undefined ? {} : { to: params.to }),
  }
  return params.years.length === 0 ? [rest] : params.years.map((year) => ({ ...rest, year }))
}

/** Builds the stages of a run with `params`. */
export function pipelineStages(ctx: CliContext, params: PipelineParams): PipelineStages {
  const client = clientFor(ctx, params)
  return {
    async discover() {
      const found = new Map<number, SessionPartition>()
      for (const criteria of criteriaOf(params)) {
        for (const s of await discoverSessions(client, criteria))
          found.set(s.sessionKey, partitionOf(s))
      }
      return [...found.values()].sort(
        (a, b) => a.dateStart.localeCompare(b.dateStart) || a.sessionKey - b.sessionKey,
      )
    },
    extract(partitions) {
      return runExtraction({
        client,
        landingDir: join(ctx.home, 'landing'),
        criteria: { sessions: partitions.map((p) => p.key) },
        ...(params.endpoints === undefined
          ? {}
          : { endpoints: params.endpoints as EndpointName[] }),
        logger: ctx.logger,
        progress: ctx.progress,
      })
    },
    load: () => runLoad(ctx, params.endpoints === undefined ? {} : { endpoints: params.endpoints }),
    async build(select) {
      const r = await executeCommand(ctx, 'build', {
        ...(select === undefined ? {} : { select: [...select] }),
        ...(params.threads === undefined ? {} : { threads: String(params.threads) }),
      })
      return { results: r.outcome.results, success: r.outcome.success, elapsed: r.outcome.elapsed }
    },
    freshness: () => measureFreshness(ctx),
    recover: (runId) => recoverHalfMadeTables(ctx, runId),
  }
}

/** Runs `source freshness` for the project (writes `sources.json`) and condenses the results. */
export async function measureFreshness(ctx: CliContext): Promise<FreshnessEntry[]> {
  const project = await loadProject(ctx)
  if (
    !Object.values(project.sources).some((s) => s.freshness !== null && s.loaded_at_field !== null)
  ) {
    return []
  }
  const runtime = await openRuntime(ctx, project)
  try {
    const artifact = await checkFreshness(
      project,
      runtime.warehouse,
      { invocationId: randomUUID(), generatedAt: new Date().toISOString() },
      new Date(),
    )
    await writeArtifact(ctx, 'sources.json', artifact)
    return artifact.results.map((r) => ({
      source: r.unique_id,
      status: r.status,
      maxLoadedAt: r.max_loaded_at ?? null,
      ageSeconds: r.max_loaded_at_time_ago_in_s ?? null,
    }))
  } finally {
    await runtime.close()
  }
}

/**
 * Moves table folders of the target's catalog whose `_delta_log` has no commit (a build killed
 * while creating the table) to `<home>/_recovered/<run>/…`: in Delta terms the table does not
 * exist, but its folder makes the next build take it for one. Moved, never deleted.
 */
export async function recoverHalfMadeTables(ctx: CliContext, runId: string): Promise<string[]> {
  const catalog = currentEnvironment(await ctx.config()).catalog
  const moved: string[] = []
  for (const schema of Object.values(LAYER_SCHEMAS)) {
    const dir = join(ctx.home, catalog, schema)
    if (!existsSync(dir)) continue
    for (const table of readdirSync(dir, { withFileTypes: true })) {
      const log = join(dir, table.name, '_delta_log')
      if (!table.isDirectory() || !existsSync(log)) continue
      if (readdirSync(log).some((f) => /^\d{20}\.(json|checkpoint\.)/.test(f))) continue
      const to = join(ctx.home, '_recovered', runId, catalog, schema, table.name)
      mkdirSync(dirname(to), { recursive: true })
      renameSync(join(dir, table.name), to)
      moved.push(`${catalog}.${schema}.${table.name} → ${to}`)
    }
  }
  return moved
}
