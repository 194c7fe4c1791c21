/**
 * @module transform/project/parsers/parse-seeds
 * dbt's `SeedParser`: one seed per `.csv` file under the seed paths. A CSV that does not parse is
 * an error with its line; the node keeps the text (the checksum is the CSV's).
 */
import { makeDiagnostic } from '../../../core/index.js'
import { sha256Hex } from '../../content-hash.js'
import { parseCsv } from '../csv.js'
import { addFileNode } from '../node-builder.js'
import type { ParseContext } from '../parse-context.js'
import { baseName, filesUnder } from '../paths.js'
import { optional } from './parse-models.js'

/** Adds every seed of the project to `ctx.nodes`. */
export function parseSeeds(ctx: ParseContext): void {
  for (const f of filesUnder(ctx.files, ctx.config['seed-paths'], ['.csv'])) {
    const name = baseName(f.file)
    const problem = csvProblem(f.text)
    if (problem !== undefined) {
      ctx.diagnostics.push(
        makeDiagnostic(
          'seed-invalid',
          { reason: problem.reason },
          `seed ${name}: ${problem.reason}`,
          {
            file: f.file,
            at: { line: problem.line, column: 1 },
          },
        ),
      )
    }
    addFileNode(ctx, {
      type: 'seed',
      file: f,
      name,
      body: '',
      tree: ctx.config.seeds,
      ...optional('patch', ctx.patches.get(`seeds:${name}`)),
      extra: { seed_csv: f.text, checksum: { name: 'sha256', checksum: sha256Hex(f.text) } },
    })
  }
}

/** The first problem of a seed's CSV, with its line, or undefined when it parses. */
function csvProblem(text: string): { reason: string; line: number } | undefined {
  try {
    parseCsv(text)
    return undefined
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { reason, line: Number(/^line (\d+)/.exec(reason)?.[1] ?? 1) }
  }
}
