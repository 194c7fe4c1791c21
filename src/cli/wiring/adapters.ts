/**
 * @module cli/wiring/adapters
 * The concrete adapters, built here and nowhere else (STYLE.md §1, §16): the object store factory
 * (a location → its store, from `lake`'s `objectStoreFor`) and the in-process DuckDB engine.
 * Layers below receive them; a new object store or engine changes `lake/store/` (or `engine/`)
 * and this file only.
 */
import { DuckDbEngine, type DuckDbEngineOptions } from '../../engine/index.js'
import { objectStoreFor, type ObjectStoreFactory } from '../../lake/index.js'

/** The object store factory every layer is given. */
export const storeFor: ObjectStoreFactory = objectStoreFor

/** Opens an in-process DuckDB engine; the caller closes it. */
export function openDuckDb(options: DuckDbEngineOptions = {}): Promise<DuckDbEngine> {
  return DuckDbEngine.create(options)
}
