/**
 * @module transform/project/link-project
 * The resolve step (STYLE.md §10): builds source nodes, generic test nodes and unit test nodes
 * from schema YAML, links every `ref()`/`source()` to a unique id, and reports missing targets,
 * duplicate tests and dependency cycles.
 */
import { makeDiagnostic } from '../../core/index.js'
import { buildDag, findCycle } from '../graph/dag.js'
import { linkExposures } from './exposure-nodes.js'
import type { LinkInput } from './link-context.js'
import { linkRefs, refTargets } from './link-refs.js'
import { linkSources } from './source-nodes.js'
import { addPatchTests, TestCollector } from './test-nodes.js'
import { addUnitTests, unitTestDependencies } from './unit-test-nodes.js'
import type { ExposureNode, ProjectNode, SourceNode } from './types.js'

export type { LinkInput } from './link-context.js'

/** Links the project; returns the final nodes, sources and exposures. */
export function linkProject(input: LinkInput): {
  nodes: Record<string, ProjectNode>
  sources: Record<string, SourceNode>
  exposures: Record<string, ExposureNode>
} {
  const tests = new TestCollector(input)
  const sources = linkSources(input, tests)
  addPatchTests(input, tests)
  addUnitTests(input)
  const linked = linkRefs(input.projectName, input.nodes, sources, input.diagnostics)
  unitTestDependencies(linked)
  const exposures = linkExposures(input.projectName, input.schemaFiles, refTargets(linked))

  const cycle = findCycle(buildDag(linked, Object.keys(sources)).parents)
  if (cycle !== undefined) {
    const first = linked[cycle[0]!]
    input.diagnostics.push(
      makeDiagnostic(
        'dependency-cycle',
        { chain: cycle },
        `dependency cycle: ${cycle.join(' → ')}`,
        {
          ...(first === undefined
            ? {}
            : { file: first.original_file_path, nodeId: first.unique_id }),
        },
      ),
    )
  }
  return { nodes: linked, sources, exposures }
}
