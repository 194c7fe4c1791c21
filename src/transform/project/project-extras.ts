/**
 * @module transform/project/project-extras
 * Parse helpers: a node's schema through `generate_schema_name` (a project macro may override
 * it), and the named selectors of `selectors.yml`.
 */
import { parseYamlSource, type Diagnostic } from '../../core/index.js'
import { parseSelectorsFile } from '../graph/selector-definitions.js'
import type { TemplateEngine } from '../template/template-engine.js'
import type { ProjectFiles, ResourceType, TargetInfo } from './types.js'

/** The named selectors of `selectors.yml` (none when the file is absent). */
export function selectorsOf(files: ProjectFiles, diagnostics: Diagnostic[]) {
  const text = files['selectors.yml']
  if (text === undefined) return []
  const src = parseYamlSource(text, 'selectors.yml')
  diagnostics.push(...src.diagnostics)
  return parseSelectorsFile(src.value)
}

/** What naming macros see as `node` (dbt passes the parsed node). */
export interface NamingNode {
  readonly name: string
  readonly resource_type: ResourceType
  readonly unique_id: string
  readonly package_name: string
  readonly fqn: readonly string[]
  readonly path: string
  readonly original_file_path: string
  readonly config: Record<string, unknown>
}

/**
 * The node's schema as dbt names it: `generate_schema_name(config.schema, node)` — dbt's own
 * macro gives `<target schema>_<custom>`, a project or package macro may override it (the F1
 * warehouse does). A snapshot's legacy `target_schema` is used as written, as in dbt.
 */
export function resolveSchema(
  engine: TemplateEngine,
  type: ResourceType,
  config: Record<string, unknown>,
  target: TargetInfo,
  node?: NamingNode,
): string {
  if (type === 'snapshot' && typeof config['target_schema'] === 'string') {
    return config['target_schema']
  }
  const custom = config['schema']
  if (type === 'test') {
    return typeof custom === 'string' ? custom : `${target.schema}_dbt_test__audit`
  }
  const fn = engine.macro('generate_schema_name')
  if (fn === undefined) return typeof custom === 'string' ? custom : target.schema
  try {
    const v = engine.withScope(NAMING_SCOPE, () =>
      fn(typeof custom === 'string' ? custom : null, node ?? {}),
    )
    const s = String(v).trim()
    return s === '' ? target.schema : s
  } catch {
    return typeof custom === 'string' ? custom : target.schema
  }
}

/** The render scope naming macros run in (no model: they run while parsing, before it exists). */
const NAMING_SCOPE = {
  ref: () => '',
  source: () => '',
  config: () => '',
  configGet: () => undefined,
  self: '',
  isIncremental: () => false,
  model: {},
  execute: false,
}
