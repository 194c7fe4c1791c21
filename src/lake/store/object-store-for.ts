/**
 * @module lake/store/object-store-for
 * The one place that picks an object store from a location, as delta-rs' `logstore_for(url)`:
 * a local path (or `file://` URL) → {@link LocalObjectStore}; `memory://name` →
 * {@link MemoryObjectStore} (one per name in this process); `s3://bucket/prefix` (or `s3a://`) →
 * {@link S3ObjectStore} (client and cache folder from the environment, see `s3-config.ts`).
 * Object stores for other schemes are added here and nowhere else (STYLE.md §16).
 *
 * Layers below the CLI never construct a store: they receive an {@link ObjectStoreFactory}
 * built by the composition root and call it with a table's location.
 */
import { UnsupportedFeatureError } from '../lake-errors.js'
import { LocalObjectStore } from './local-object-store.js'
import { MemoryObjectStore } from './memory-object-store.js'
import type { ObjectStore } from './object-store.js'
import { parseS3Location, s3CacheDir, sharedS3Client, type S3Env } from './s3-config.js'
import { S3ObjectStore } from './s3-object-store.js'

/** Builds the object store rooted at a location (a table's folder, the landing zone, …). */
export type ObjectStoreFactory = (location: string) => ObjectStore

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i

/** The scheme of a location: `file` for plain paths. */
export function locationScheme(location: string): string {
  return SCHEME.exec(location)?.[1]?.toLowerCase() ?? 'file'
}

/**
 * Joins path segments onto a location, for paths and URLs alike
 * (`joinLocation('s3://b/home', 'dev', 't')` → `s3://b/home/dev/t`).
 */
export function joinLocation(location: string, ...parts: readonly string[]): string {
  const base = location.replace(/\/+$/, '')
  const tail = parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p !== '' && p !== '.')
    .join('/')
  return tail === '' ? base : `${base}/${tail}`
}

const memoryStores = new Map<string, MemoryObjectStore>()

/**
 * The object store for `location`. Throws `UnsupportedFeatureError` for unknown schemes.
 * `env` (default `process.env`) configures S3 stores.
 */
export function objectStoreFor(location: string, env: S3Env = process.env): ObjectStore {
  const scheme = locationScheme(location)
  switch (scheme) {
    case 'file':
      return new LocalObjectStore(location.replace(/^file:\/\//i, ''))
    case 'memory': {
      const name = location.slice('memory://'.length).replace(/\/+$/, '')
      let store = memoryStores.get(name)
      if (store === undefined) {
        store = new MemoryObjectStore(name)
        memoryStores.set(name, store)
      }
      return store
    }
    case 's3':
    case 's3a': {
      const s3 = parseS3Location(location)
      return new S3ObjectStore({
        client: sharedS3Client(env),
        location: s3,
        cacheDir: s3CacheDir(s3, env),
      })
    }
    default:
      throw new UnsupportedFeatureError(
        `no object store for '${scheme}://' locations (${location}); use a local path or s3://`,
      )
  }
}
