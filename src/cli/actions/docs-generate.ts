/**
 * @module cli/actions/docs-generate
 * `pitwall docs generate` writes `catalog.json`, `manifest.json` and a static site
 * (`index.html`: every model, column, description and test, and the lineage graph) to
 * `<home>/target/`.
 */
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import {
  buildCatalog,
  buildDocsSite,
  buildManifest,
  statusesOf,
  writeFileAtomic,
} from '../../transform/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { loadProject, readArtifact, targetDir, writeArtifact } from '../wiring/transform-project.js'
import { openRuntime } from '../wiring/transform-runtime.js'

/** Runs `pitwall docs generate`. */
export async function run(
  ctx: CliContext,
  { opts }: ActionInput<{ vars?: string }>,
): Promise<void> {
  const project = await loadProject(ctx, {
    ...(opts.vars === undefined ? {} : { vars: opts.vars }),
  })
  const meta = { invocationId: randomUUID(), generatedAt: new Date().toISOString() }
  const runtime = await openRuntime(ctx, project)
  try {
    const catalog = await buildCatalog(project, runtime.warehouse, meta)
    await writeArtifact(ctx, 'catalog.json', catalog)
    await writeArtifact(ctx, 'manifest.json', buildManifest(project, meta))
    const last = await readArtifact(ctx, 'run_results.json')
    const site = buildDocsSite(project, catalog, last === undefined ? {} : statusesOf(last))
    const dir = await targetDir(ctx)
    for (const [name, content] of Object.entries(site))
      await writeFileAtomic(join(dir, name), content)
    const path = join(dir, 'index.html')
    ctx.emit(
      {
        site: path,
        catalog: join(dir, 'catalog.json'),
        relations: Object.keys(catalog.nodes).length + Object.keys(catalog.sources).length,
        errors: catalog.errors,
      },
      `Catalog written with ${Object.keys(catalog.nodes).length} node(s) and ${Object.keys(catalog.sources).length} source(s).\nDocs site: ${path}\nServe it with: pitwall docs serve`,
    )
  } finally {
    await runtime.close()
  }
}
