/**
 * @module transform/project/parse-project
 * The parse phase (STYLE.md §10, docs/phases.md): project files in, {@link Project} out. Reads
 * `dbt_project.yml` and `profiles.yml` and loads macros (`parse-context.ts`), then runs one parser
 * per resource type as dbt does (`parsers/`: models, seeds, snapshots, singular tests, analyses,
 * macros, docs) — each renders its files in capture mode, cached by content hash — and links
 * refs, sources, generic tests, unit tests and exposures (`link-project.ts`). Every problem is a
 * diagnostic. No database, no I/O.
 */
import { toList } from './config-tree.js'
import { resolveDocReferences } from './doc-references.js'
import { linkProject } from './link-project.js'
import { createParseContext, type ParseOptions } from './parse-context.js'
import { parseAnalyses } from './parsers/parse-analyses.js'
import { parseDocs, parseMacros } from './parsers/parse-macros.js'
import { parseModels } from './parsers/parse-models.js'
import { parseSeeds } from './parsers/parse-seeds.js'
import { parseSingularTests, testTree } from './parsers/parse-singular-tests.js'
import { parseSnapshots } from './parsers/parse-snapshots.js'
import { selectorsOf } from './project-extras.js'
import type { TemplateEngine } from '../template/template-engine.js'
import type { Project, ProjectFiles } from './types.js'

export type { ParseOptions } from './parse-context.js'

/** A parsed project plus the template engine compile renders with. */
export interface ParsedProject extends Project {
  readonly engine: TemplateEngine
}

/**
 * Parses a project from its files. Throws `ConfigError` when `dbt_project.yml` or `profiles.yml`
 * is invalid (nothing else can be understood then); every other problem is a diagnostic.
 */
export function parseProject(files: ProjectFiles, options: ParseOptions = {}): ParsedProject {
  const ctx = createParseContext(files, options)
  parseModels(ctx)
  parseSeeds(ctx)
  parseSnapshots(ctx)
  parseSingularTests(ctx)
  parseAnalyses(ctx)
  const macros = parseMacros(ctx)
  const docs = parseDocs(ctx)
  const linked = linkProject({
    projectName: ctx.projectName,
    target: ctx.target,
    engine: ctx.engine,
    nodes: ctx.nodes,
    patches: [...ctx.patches.values()],
    schemaFiles: ctx.schemaFiles,
    testTree: testTree(ctx),
    diagnostics: ctx.diagnostics,
  })
  const { diagnostics } = ctx
  return {
    name: ctx.projectName,
    target: ctx.target,
    vars: ctx.vars,
    nodes: resolveDocReferences(linked.nodes, docs, diagnostics),
    sources: resolveDocReferences(linked.sources, docs, diagnostics),
    macros,
    docs,
    exposures: linked.exposures,
    diagnostics,
    files,
    selectors: selectorsOf(files, diagnostics),
    hooks: {
      onRunStart: toList(ctx.config['on-run-start']),
      onRunEnd: toList(ctx.config['on-run-end']),
    },
    engine: ctx.engine,
  }
}
