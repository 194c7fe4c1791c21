/**
 * Shared set-up of the load tests: a lakehouse home in a temp dir, the loader wired as the CLI
 * wires it (catalog naming and per-layer properties), and one DuckDB engine.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  formatTableName,
  layerTableProperties,
  tableName,
  tablePath,
} from '../../src/catalog/index.js'
import type { Engine } from '../../src/engine/index.js'
import { objectStoreFor } from '../../src/lake/index.js'
import { loadLanding, type LoadLandingOptions, type LoadReport } from '../../src/load/index.js'
import { memoryIo, runCli } from '../../src/cli/index.js'

/** The catalog the tests load into. */
export const CATALOG = 'dev_f1_data_analytics'

/** Runs `pitwall load`'s core on `home` with `engine`, wired as the CLI wires it. */
export function load(
  home: string,
  engine: Engine,
  now?: () => Date,
  extra: Partial<LoadLandingOptions> = {},
): Promise<LoadReport> {
  return loadLanding({
    home,
    catalog: CATALOG,
    engine,
    stores: objectStoreFor,
    locate: (schema, table) => {
      const name = tableName(CATALOG, schema, table)
      return { name: formatTableName(name), path: tablePath(home, name) }
    },
    properties: {
      bronze_raw: layerTableProperties('bronze_raw'),
      system: layerTableProperties('system'),
    },
    ...(now === undefined ? {} : { now }),
    ...extra,
  })
}

/** Writes a landing file as the extractor names it and returns its landing-relative path. */
export function writeLanding(
  home: string,
  endpoint: string,
  key: number,
  stamp: string,
  body: string,
): string {
  const dir = join(home, 'landing', endpoint)
  mkdirSync(dir, { recursive: true })
  const name = `${endpoint}_${key}_${stamp}.json`
  writeFileSync(join(dir, name), body)
  return `${endpoint}/${name}`
}

/** Runs `pitwall <args>` in this process (fast; the real executable is tested elsewhere). */
export async function runInProcess(
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo({ env: { NO_COLOR: '1' } })
  const code = await runCli(args, io)
  return { code, stdout: io.out(), stderr: io.err() }
}
