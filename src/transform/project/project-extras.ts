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

/** The node's schema: `generate_schema_name(custom, node)` (a project macro may override it). */
export function resolveSchema(
  engine: TemplateEngine,
  type: ResourceType,
  config: Record<string, unknown>,
  target: TargetInfo,
): string {
  const custom =
    type === 'snapshot' ? (config['target_schema'] ?? config['schema']) : config['schema']
  if (type === 'test') {
    return typeof custom === 'string' ? custom : `${target.schema}_dbt_test__audit`
  }
  const fn = engine.macro('generate_schema_name')
  if (fn === undefined) return typeof custom === 'string' ? custom : target.schema
  const scope = {
    ref: () => '',
    source: () => '',
    config: () => '',
    configGet: () => undefined,
    self: '',
    isIncremental: () => false,
    model: {},
    execute: false,
  }
  try {
    const v = engine.withScope(scope, () => fn(typeof custom === 'string' ? custom : null, {}))
    const s = String(v).trim()
    return s === '' ? target.schema : s
  } catch {
    return typeof custom === 'string' ? custom : target.schema
  }
}
