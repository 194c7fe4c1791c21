/**
 * @module transform/project/parsers/parse-models
 * dbt's `ModelParser`: one model per `.sql` file under the model paths, named after the file.
 */
import { addFileNode, captureFile } from '../node-builder.js'
import type { ParseContext } from '../parse-context.js'
import { baseName, filesUnder } from '../paths.js'

/** Adds every model of the project to `ctx.nodes`. */
export function parseModels(ctx: ParseContext): void {
  for (const f of filesUnder(ctx.files, ctx.config['model-paths'], ['.sql'])) {
    const name = baseName(f.file)
    addFileNode(ctx, {
      type: 'model',
      file: f,
      name,
      body: f.text,
      tree: ctx.config.models,
      ...optional('patch', ctx.patches.get(`models:${name}`)),
      capture: captureFile(ctx, f, 'model', name, f.text),
    })
  }
}

/** `{ key: value }` when the value is defined, `{}` otherwise (exactOptionalPropertyTypes). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}
