/**
 * @module transform/project/test-nodes
 * Builds the test node of each generic test listed in schema YAML (dbt's
 * `SchemaGenericTestParser`): resolves its macro, names it as dbt does, merges its config
 * (dbt_project `data_tests:` tree, then the YAML `config:`) and records what it depends on. The
 * same test declared twice on the same model or column (same name, same arguments) is an error,
 * as in dbt.
 */
import { makeDiagnostic } from '../../core/index.js'
import { mergeConfig, projectLayers } from './config-tree.js'
import { genericTestName, kwargDependencies, testIdHash, testKwargs } from './generic-tests.js'
import type { LinkInput, TestOrigin } from './link-context.js'
import { defaultConfig, makeNode } from './node-factory.js'
import type { TestSpec } from './schema-types.js'

/** Adds generic test nodes to `input.nodes`, remembering where each came from. */
export class TestCollector {
  private readonly origins = new Map<string, TestOrigin>()

  constructor(private readonly input: LinkInput) {}

  /**
   * Adds the test node for `spec`, attached to the node `attached` (a model, seed, snapshot or
   * source), whose generated name uses `targetName` and whose `model` argument is `modelRef`.
   */
  add(
    spec: TestSpec,
    attached: string,
    targetName: string,
    modelRef: string,
    column: string | null,
    inheritedTags: readonly string[],
  ): void {
    const { projectName: project, engine, nodes, diagnostics, target } = this.input
    const macroName = `test_${spec.testName}`
    const macro =
      engine.macro(macroName, spec.namespace ?? undefined) ??
      (spec.namespace === null ? undefined : engine.macro(macroName))
    const qualifiedName =
      spec.namespace === null ? spec.testName : `${spec.namespace}.${spec.testName}`
    if (macro === undefined) {
      diagnostics.push(
        makeDiagnostic(
          'test-macro-not-found',
          { name: qualifiedName },
          `unknown test '${qualifiedName}': define it with {% test ${spec.testName}(model, column_name) %} in macros/ or tests/generic/`,
          { file: spec.file, ...(spec.at === undefined ? {} : { at: spec.at }) },
        ),
      )
      return
    }
    const kwargs = testKwargs(spec, column, modelRef)
    const names =
      spec.customName === undefined
        ? genericTestName(spec.testName, spec.namespace, targetName, kwargs)
        : { full: spec.customName, short: spec.customName }
    const name = names.full
    const metadata = { name: spec.testName, kwargs, namespace: spec.namespace }
    // dbt's unique id: the full name and a hash of name + arguments (equal for equal tests).
    const id = `test.${project}.${name}.${testIdHash(name, metadata)}`
    const first = this.origins.get(id)
    if (first !== undefined && isSameTest(first, { spec, attached, column })) {
      this.reportDuplicate(name, first, spec, column, targetName)
      return
    }
    this.origins.set(id, { spec, attached, column })
    const dir = spec.file.split('/').slice(1, -1)
    const fqn = [project, ...dir, name]
    const unrendered = mergeConfig([...projectLayers(this.input.testTree, fqn), spec.config])
    const config = mergeConfig([
      defaultConfig('test'),
      { tags: [...inheritedTags] },
      // A name of 64 characters or more is stored (and compiled) under its short form.
      names.short === names.full ? {} : { alias: names.short },
      unrendered,
    ])
    const deps = kwargDependencies(kwargs)
    const onSource = attached.startsWith('source.')
    const attachedRef = onSource ? null : attached.split('.').slice(2).join('.')
    nodes[id] = {
      ...makeNode({
        type: 'test',
        projectName: project,
        name,
        uniqueId: id,
        path: `${names.short}.sql`,
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
        nodes: onSource ? [attached] : [],
        macros: [`macro.${spec.namespace ?? 'dbt'}.${macroName}`],
      },
      test_metadata: metadata,
      column_name: column,
      attached_node: attached,
    }
  }

  private reportDuplicate(
    name: string,
    first: TestOrigin,
    spec: TestSpec,
    column: string | null,
    targetName: string,
  ): void {
    const where = (s: TestSpec) => `${s.file}${s.at === undefined ? '' : `:${s.at.line}`}`
    const on = column === null ? targetName : `${targetName}.${column}`
    this.input.diagnostics.push(
      makeDiagnostic(
        'duplicate-test',
        { name, files: [where(first.spec), where(spec)] },
        `test '${name}' is declared twice on ${on} (${where(first.spec)} and ${where(spec)}); remove one, or give one of them its own name:`,
        { file: spec.file, ...(spec.at === undefined ? {} : { at: spec.at }) },
      ),
    )
  }
}

/** Adds the tests of every `models:`/`seeds:`/`snapshots:` patch (and their columns). */
export function addPatchTests(input: LinkInput, tests: TestCollector): void {
  const kindOf = { models: 'model', seeds: 'seed', snapshots: 'snapshot', analyses: 'analysis' }
  for (const patch of input.patches) {
    const id = `${kindOf[patch.kind]}.${input.projectName}.${patch.name}`
    if (input.nodes[id] === undefined) {
      input.diagnostics.push(
        makeDiagnostic(
          'patch-target-not-found',
          { name: patch.name, kind: patch.kind },
          `${patch.kind.slice(0, -1)} '${patch.name}' is described in ${patch.file} but no such file exists (or it is disabled)`,
          {
            file: patch.file,
            severity: 'warn',
            ...(patch.at === undefined ? {} : { at: patch.at }),
          },
        ),
      )
      continue
    }
    const ref = `ref('${patch.name}')`
    for (const spec of patch.tests) tests.add(spec, id, patch.name, ref, null, patch.tags)
    for (const c of patch.columns)
      for (const spec of c.tests)
        tests.add(spec, id, patch.name, ref, c.name, [...patch.tags, ...c.tags])
  }
}

/** Same test, same arguments, on the same node and column (config may differ: dbt names clash). */
function isSameTest(a: TestOrigin, b: TestOrigin): boolean {
  return (
    a.attached === b.attached &&
    a.column === b.column &&
    a.spec.testName === b.spec.testName &&
    a.spec.namespace === b.spec.namespace &&
    stableJson(a.spec.kwargs) === stableJson(b.spec.kwargs)
  )
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v) ?? 'null'
}
