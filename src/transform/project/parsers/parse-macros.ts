/**
 * @module transform/project/parsers/parse-macros
 * dbt's `MacroParser` and `DocumentationParser`: the manifest entries of every macro (built-in and
 * the project's) and of every `{% docs %}` block under the model paths.
 */
import { listMacros } from '../../template/preprocess.js'
import { extractBlocks } from '../blocks.js'
import type { ParseContext } from '../parse-context.js'
import { filesUnder } from '../paths.js'
import type { DocBlock, MacroDef } from '../types.js'

/** Every macro the template engine loaded, by unique id. */
export function parseMacros(ctx: ParseContext): Record<string, MacroDef> {
  const macros: Record<string, MacroDef> = {}
  for (const mf of ctx.macroFiles) {
    for (const m of listMacros(mf.text)) {
      const id = `macro.${mf.packageName}.${m.name}`
      macros[id] = {
        unique_id: id,
        name: m.name,
        package_name: mf.packageName,
        original_file_path: mf.file,
        macro_sql: m.sql,
        arguments: m.arguments,
      }
    }
  }
  return macros
}

/** Every `{% docs name %}` block of the Markdown files under the model paths. */
export function parseDocs(ctx: ParseContext): Record<string, DocBlock> {
  const docs: Record<string, DocBlock> = {}
  for (const f of filesUnder(ctx.files, ctx.config['model-paths'], ['.md'])) {
    for (const b of extractBlocks(f.text, 'docs')) {
      const id = `doc.${ctx.projectName}.${b.name}`
      docs[id] = {
        unique_id: id,
        name: b.name,
        block_contents: b.content.trim(),
        original_file_path: f.file,
      }
    }
  }
  return docs
}
