/**
 * @module lake/operations/set-properties
 * ALTER TABLE SET / UNSET TBLPROPERTIES: a new `metaData` with the changed configuration, and a
 * protocol upgrade when a property needs a table feature (turning on CDF adds `changeDataFeed`).
 * `delta.*` keys are checked as at creation (`table-properties.ts`: known key, valid value) so a
 * typo never silently does nothing; other keys (`quality`, …) are free-form.
 */
import type { Action } from '../protocol/actions.js'
import { DeltaError } from '../lake-errors.js'
import { requiredProtocol } from './writer-protocol.js'
import { validateProperty } from './table-properties.js'
import {
  commitOperation,
  openForWrite,
  type OperationResult,
  type TableTarget,
} from './transaction.js'

/** Options of {@link setTableProperties}. */
export interface SetPropertiesOptions extends TableTarget {
  readonly set?: Readonly<Record<string, string>>
  readonly unset?: readonly string[]
}

/** Metrics of a properties change. */
export interface SetPropertiesMetrics {
  readonly configuration: Readonly<Record<string, string>>
  readonly protocolUpgraded: boolean
}

/** Sets and/or unsets table properties. */
export async function setTableProperties(
  options: SetPropertiesOptions,
): Promise<OperationResult<SetPropertiesMetrics>> {
  const snapshot = await openForWrite(options)
  const set = options.set ?? {}
  for (const [k, v] of Object.entries(set)) validateProperty(k, v)
  if (
    set['delta.enableInCommitTimestamps'] === 'true' &&
    snapshot.configuration['delta.enableInCommitTimestamps'] !== 'true'
  ) {
    throw new DeltaError(
      'ict-enable-existing',
      `pitwall turns on in-commit timestamps only when a table is created (${options.store.root} exists)`,
      {
        hint: "create the table with delta.enableInCommitTimestamps='true', or enable it with Spark",
      },
    )
  }
  const configuration: Record<string, string> = { ...snapshot.configuration, ...set }
  for (const k of options.unset ?? []) delete configuration[k]
  const protocol = requiredProtocol(snapshot.schema, configuration, snapshot.protocol)
  const upgraded = JSON.stringify(protocol) !== JSON.stringify(snapshot.protocol)
  if (JSON.stringify(configuration) === JSON.stringify(snapshot.configuration) && !upgraded) {
    return { version: snapshot.version, metrics: { configuration, protocolUpgraded: false } }
  }
  const actions: Action[] = []
  if (upgraded) actions.push({ protocol })
  actions.push({ metaData: { ...snapshot.metadata, configuration } })
  const unsetOnly = Object.keys(set).length === 0
  const result = await commitOperation(options, snapshot, {
    operation: unsetOnly ? 'UNSET TBLPROPERTIES' : 'SET TBLPROPERTIES',
    operationParameters: unsetOnly
      ? { propertyKeys: JSON.stringify(options.unset ?? []) }
      : { properties: JSON.stringify(set) },
    actions,
  })
  return {
    version: result.version,
    metrics: { configuration, protocolUpgraded: upgraded },
    ...(result.checkpoint === undefined ? {} : { checkpoint: result.checkpoint }),
    warnings: result.warnings,
  }
}
