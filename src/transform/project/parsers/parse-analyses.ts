/**
 * @module transform/project/parsers/parse-analyses
 * dbt's `AnalysisParser`: one analysis per `.sql` file under the analysis paths (compiled, never
 * run).
 */
import { addFileNode, captureFile } from '../node-builder.js'
import type { ParseContext } from '../parse-context.js'
import { baseName, filesUnder } from '../paths.js'
import { optional } from './parse-models.js'

/** Adds every analysis of the project to `ctx.nodes`. */
export function parseAnalyses(ctx: ParseContext): void {
  for (const f of filesUnder(ctx.files, ctx.config['analysis-paths'], ['.sql'])) {
    const name = baseName(f.file)
    addFileNode(ctx, {
      type: 'analysis',
      file: f,
      name,
      body: f.text,
      tree: {},
      ...optional('patch', ctx.patches.get(`analyses:${name}`)),
      capture: captureFile(ctx, f, 'analysis', name, f.text),
    })
  }
}
