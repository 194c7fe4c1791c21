/**
 * @module transform/project/parsers/parse-singular-tests
 * dbt's `SingularTestParser`: one data test per `.sql` file under the test paths (a query that
 * returns the failing rows); `tests/generic/` holds test macros, not tests.
 */
import { addFileNode, captureFile } from '../node-builder.js'
import type { ParseContext } from '../parse-context.js'
import { baseName, filesUnder } from '../paths.js'

/** dbt_project.yml's config tree for tests (`data_tests:`, or the older `tests:`). */
export function testTree(ctx: ParseContext): unknown {
  return Object.keys(ctx.config.data_tests).length > 0 ? ctx.config.data_tests : ctx.config.tests
}

/** Adds every singular test of the project to `ctx.nodes`. */
export function parseSingularTests(ctx: ParseContext): void {
  for (const f of filesUnder(ctx.files, ctx.config['test-paths'], ['.sql'])) {
    if (f.relative.startsWith('generic/')) continue
    const name = baseName(f.file)
    addFileNode(ctx, {
      type: 'test',
      file: f,
      name,
      body: f.text,
      tree: testTree(ctx),
      capture: captureFile(ctx, f, 'test', name, f.text),
    })
  }
}
