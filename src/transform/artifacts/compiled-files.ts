/**
 * @module transform/artifacts/compiled-files
 * The compiled SQL of a run, one file per node, where dbt writes it:
 * `<target>/compiled/<package>/<original_file_path>` (a test declared in YAML under
 * `<schema.yml>/<test name>.sql`). Users diff, lint and rerun these files; they are overwritten
 * by each run, as in dbt.
 */
import { join } from 'node:path'
import type { ParsedProject } from '../project/parse-project.js'
import type { ProjectNode } from '../project/types.js'
import type { NodeResult } from '../run/node-result.js'
import { writeFileAtomic } from './artifact-files.js'

/** Where dbt writes `node`'s compiled SQL, relative to the target folder. */
export function compiledPath(node: ProjectNode): string {
  return join(
    'compiled',
    node.package_name,
    ...node.original_file_path.replace(/\.(yml|yaml)$/, `.$1/${node.name}.sql`).split('/'),
  )
}

/** Writes the compiled SQL of every result that has some under `targetDir`; returns the count. */
export async function writeCompiledFiles(
  targetDir: string,
  project: ParsedProject,
  results: readonly NodeResult[],
): Promise<number> {
  let written = 0
  for (const r of results) {
    const node = project.nodes[r.unique_id]
    // Seeds have no SQL of their own (dbt writes none for them).
    if (node === undefined || node.resource_type === 'seed' || typeof r.compiled_code !== 'string')
      continue
    await writeFileAtomic(join(targetDir, compiledPath(node)), `${r.compiled_code}\n`)
    written++
  }
  return written
}
