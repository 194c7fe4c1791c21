/**
 * @module transform/project/test-nodes
 * Builds the test node of one generic test listed in schema YAML: resolves its macro, names it as
 * dbt does, merges its config (dbt_project `data_tests:` tree, then the YAML `config:`) and
 * records what it depends on.
 */
import { makeDiagnostic } from '../../core/index.js'
import { mergeConfig, projectLayers } from './config-tree.js'
import { genericTestName, kwargDependencies, testKwargs } from './generic-tests.js'
import type { LinkInput } from './link-project.js'
import { defaultConfig, makeNode } from './node-factory.js'
import type { TestSpec } from './schema-yaml.js'

/** Adds the test node for `spec` (attached to `attached`) to `input.nodes`. */
export function addTest(
  input: LinkInput,
  spec: TestSpec,
  attached: string,
  targetName: string,
  modelRef: string,
  column: string | null,
  inheritedTags: readonly string[],
): void {
  const { projectName: project, engine, nodes, diagnostics, target } = input
  const macroName = `test_${spec.testName}`
  const macro =
    engine.macro(macroName, spec.namespace ?? undefined) ??
    (spec.namespace === null ? undefined : engine.macro(macroName))
  if (macro === undefined) {
    diagnostics.push(
      makeDiagnostic(
        'test-macro-not-found',
        { name: spec.namespace === null ? spec.testName : `${spec.namespace}.${spec.testName}` },
        `unknown test '${spec.namespace === null ? '' : `${spec.namespace}.`}${spec.testName}': define it with {% test ${spec.testName}(model, column_name) %} in macros/ or tests/generic/`,
        {
          file: spec.file,
          ...(spec.at === undefined ? {} : { at: spec.at }),
        },
      ),
    )
    return
  }
  const kwargs = testKwargs(spec, column, modelRef)
  const name = spec.customName ?? genericTestName(spec.testName, spec.namespace, targetName, kwargs)
  let id = `test.${project}.${name}`
  if (nodes[id] !== undefined) id = `${id}.${hashSuffix(spec, attached)}`
  const dir = spec.file.split('/').slice(1, -1)
  const fqn = [project, ...dir, name]
  const unrendered = mergeConfig([...projectLayers(input.testTree, fqn), spec.config])
  const config = mergeConfig([defaultConfig('test'), { tags: [...inheritedTags] }, unrendered])
  const deps = kwargDependencies(kwargs)
  const attachedRef = attached.startsWith('source.') ? null : attached.split('.').slice(2).join('.')
  nodes[id] = {
    ...makeNode({
      type: 'test',
      projectName: project,
      name,
      uniqueId: id,
      path: `${name}.sql`,
      file: spec.file,
      fqn,
      rawCode: `{{ ${spec.namespace === null ? '' : `${spec.namespace}.`}test_${spec.testName}(**_dbt_generic_test_kwargs) }}`,
      checksumOf: JSON.stringify(kwargs),
      config,
      unrendered,
      database: target.database,
      schema:
        typeof config['schema'] === 'string'
          ? config['schema']
          : `${target.schema}_dbt_test__audit`,
    }),
    refs: [...(attachedRef === null ? [] : [attachedRef]), ...deps.refs].map((n) => ({
      name: n,
      package: null,
    })),
    sources: deps.sources,
    depends_on: {
      nodes: attached.startsWith('source.') ? [attached] : [],
      macros: [`macro.${spec.namespace ?? 'dbt'}.${macroName}`],
    },
    test_metadata: { name: spec.testName, kwargs, namespace: spec.namespace },
    column_name: column,
    attached_node: attached,
  }
}

function hashSuffix(spec: TestSpec, attached: string): string {
  let h = 0
  for (const c of JSON.stringify([spec, attached])) h = (h * 31 + c.charCodeAt(0)) >>> 0
  return h.toString(16).padStart(8, '0')
}
