/**
 * @module transform/project/unit-test-nodes
 * The unit tests of schema YAML as `unit_test` nodes (dbt 1.8). A unit test runs on fixtures
 * before its model is built: once refs are linked it depends on the model's parents
 * ({@link unitTestDependencies}), and in `build` the runner makes the model wait for it.
 */
import type { LinkInput } from './link-context.js'
import { mergeConfig } from './config-tree.js'
import { defaultConfig, makeNode } from './node-factory.js'
import type { ProjectNode } from './types.js'

/** Adds a node for every unit test of every schema file to `input.nodes`. */
export function addUnitTests(input: LinkInput): void {
  const project = input.projectName
  for (const file of input.schemaFiles) {
    for (const u of file.unitTests) {
      const id = `unit_test.${project}.${u.model}.${u.name}`
      input.nodes[id] = {
        ...makeNode({
          type: 'unit_test',
          projectName: project,
          name: u.name,
          uniqueId: id,
          path: u.file,
          file: u.file,
          fqn: [project, u.model, u.name],
          rawCode: '',
          config: mergeConfig([defaultConfig('unit_test')]),
          unrendered: {},
          description: u.description,
          database: input.target.database,
          schema: input.target.schema,
        }),
        refs: [{ name: u.model, package: null }],
        attached_node: `model.${project}.${u.model}`,
        unit_test: u,
      }
    }
  }
}

/** Makes each unit test depend on its model's parents instead of the model (linked nodes). */
export function unitTestDependencies(linked: Record<string, ProjectNode>): void {
  for (const n of Object.values(linked)) {
    if (n.resource_type !== 'unit_test' || n.attached_node == null) continue
    const model = linked[n.attached_node]
    if (model === undefined) continue
    linked[n.unique_id] = { ...n, depends_on: { nodes: model.depends_on.nodes, macros: [] } }
  }
}
