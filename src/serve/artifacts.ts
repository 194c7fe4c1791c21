/**
 * @module serve/artifacts
 * The transformation artifacts the API serves (lineage from `manifest.json`, test results from
 * `run_results.json`, freshness from `sources.json`), read from the target's artifacts folder
 * (`<home>/target/<target>/`, or `<home>/target/` as older runs wrote them), validated with the
 * schemas in `core`, and cached until the file changes. A missing or invalid artifact reads as
 * absent (the route answers an empty list), and an invalid one is logged.
 */
import { readFile, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  ARTIFACT_FILES,
  parseArtifact,
  type Artifacts,
  type ArtifactKind,
  type Logger,
} from '../core/index.js'

/** Reads and caches the artifacts of one folder. */
export class ArtifactReader {
  private readonly cache = new Map<ArtifactKind, { key: string; value: unknown }>()

  constructor(
    private readonly dir: string,
    private readonly logger?: Logger,
  ) {}

  /** The artifact, or `undefined` when there is none (or it is invalid). */
  async read<K extends ArtifactKind>(kind: K): Promise<Artifacts[K] | undefined> {
    for (const path of [
      join(this.dir, ARTIFACT_FILES[kind]),
      join(dirname(this.dir), ARTIFACT_FILES[kind]),
    ]) {
      let key: string
      try {
        const s = await stat(path)
        key = `${path}:${s.mtimeMs}:${s.size}`
      } catch {
        continue
      }
      const cached = this.cache.get(kind)
      if (cached?.key === key) return cached.value as Artifacts[K] | undefined
      let value: Artifacts[K] | undefined
      try {
        const parsed = parseArtifact(kind, JSON.parse(await readFile(path, 'utf8')) as unknown)
        if (parsed.ok) value = parsed.value
        else this.logger?.warn(`ignoring ${path}: ${parsed.problem}`)
      } catch (error) {
        this.logger?.warn(
          `ignoring ${path}: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
      this.cache.set(kind, { key, value })
      return value
    }
    return undefined
  }
}

/** `"cat"."schema"."table"` (a manifest relation name) → `cat.schema.table`, or undefined. */
export function relationKey(relation: string | null | undefined): string | undefined {
  if (relation === null || relation === undefined) return undefined
  const parts = relation.split('.').map((p) => p.replace(/^"|"$/g, '').replaceAll('""', '"'))
  return parts.length === 3 ? parts.join('.') : undefined
}
