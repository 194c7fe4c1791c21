/**
 * @module lake/store/s3-object-store
 * {@link ObjectStore} on S3 or an S3-compatible server (`@aws-sdk/client-s3`). The bucket is the
 * source of truth; the Delta log's commit primitive is a conditional write: `PutObject` with
 * `If-None-Match: *` creates `_delta_log/N.json` only if no object has that key, atomically on
 * the server (HTTP 412 → {@link ObjectAlreadyExistsError}), as delta-rs does on S3 since AWS added
 * conditional writes. A 409 (`ConditionalRequestConflict`: another conditional write of the same
 * key is in flight) is retried; the retry then gets its 412.
 *
 * DuckDB cannot read `s3://` here (the httpfs extension cannot be installed), so DuckDB reads and
 * writes Parquet through a local cache folder ({@link S3ObjectStore.localPath}):
 * - reads: {@link S3ObjectStore.prefetch} downloads the files a scan or rewrite needs before DuckDB
 *   opens them (temp file + rename, so a torn download is never read). Data files, deletion
 *   vectors and checkpoints are immutable under their names (UUID names, never overwritten), so a
 *   cached copy never goes stale and is reused by later scans;
 * - writes: DuckDB writes new data files into the cache; {@link S3ObjectStore.flush} (called by the
 *   writer before the commit that references them) uploads them, so a commit never points at a
 *   file the bucket lacks. Names of local staging files (`.…tmp`) are never uploaded.
 * Objects this process writes are kept in the cache too (write-through). The cache is not
 * authoritative: the log is always listed and read from the bucket.
 */
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { S3Client } from '@aws-sdk/client-s3'
import { ObjectAlreadyExistsError, ObjectNotFoundError } from '../lake-errors.js'
import type { ObjectMeta, ObjectStore } from './object-store.js'
import type { S3Location } from './s3-config.js'
import { s3Sdk } from './s3-sdk.js'

/** Where an {@link S3ObjectStore} keeps its objects and its local copies. */
export interface S3ObjectStoreOptions {
  readonly client: S3Client
  readonly location: S3Location
  /** Folder of the local copies DuckDB reads and writes. */
  readonly cacheDir: string
}

/** Downloads and uploads in flight at once per call. */
const PARALLEL = 8
/** Retries of a conditional write answered 409 (a concurrent conditional write of the key). */
const CONFLICT_RETRIES = 5

/** An object store in an S3 bucket under a key prefix, with a local cache for DuckDB. */
export class S3ObjectStore implements ObjectStore {
  readonly root: string
  private readonly client: S3Client
  private readonly bucket: string
  private readonly prefix: string
  private readonly cacheDir: string

  constructor(options: S3ObjectStoreOptions) {
    this.client = options.client
    this.bucket = options.location.bucket
    this.prefix = options.location.prefix
    this.cacheDir = options.cacheDir
    this.root = `s3://${this.bucket}${this.prefix === '' ? '' : `/${this.prefix}`}`
  }

  /** The object key of a store path. */
  private key(path: string): string {
    const p = path.replace(/^\/+/, '')
    return this.prefix === '' ? p : p === '' ? this.prefix : `${this.prefix}/${p}`
  }

  /** The cached copy's path (DuckDB reads it after {@link prefetch}, writes it before {@link flush}). */
  localPath(path: string): string {
    return join(this.cacheDir, ...path.split('/').filter((p) => p !== ''))
  }

  async get(path: string): Promise<Uint8Array> {
    try {
      const r = await this.client.send(
        new (s3Sdk().GetObjectCommand)({ Bucket: this.bucket, Key: this.key(path) }),
      )
      return r.Body === undefined ? new Uint8Array() : await r.Body.transformToByteArray()
    } catch (cause) {
      throw isNotFound(cause) ? new ObjectNotFoundError(path, { cause }) : cause
    }
  }

  async getRange(path: string, offset: number, length: number): Promise<Uint8Array> {
    if (length <= 0) return new Uint8Array()
    try {
      const r = await this.client.send(
        new (s3Sdk().GetObjectCommand)({
          Bucket: this.bucket,
          Key: this.key(path),
          Range: `bytes=${offset}-${offset + length - 1}`,
        }),
      )
      return r.Body === undefined ? new Uint8Array() : await r.Body.transformToByteArray()
    } catch (cause) {
      if (statusOf(cause) === 416) return new Uint8Array() // past the end, as a local read
      throw isNotFound(cause) ? new ObjectNotFoundError(path, { cause }) : cause
    }
  }

  async head(path: string): Promise<ObjectMeta | undefined> {
    try {
      const r = await this.client.send(
        new (s3Sdk().HeadObjectCommand)({ Bucket: this.bucket, Key: this.key(path) }),
      )
      return {
        path,
        size: r.ContentLength ?? 0,
        modified: r.LastModified?.getTime() ?? Date.now(),
      }
    } catch (cause) {
      if (isNotFound(cause)) return undefined
      throw cause
    }
  }

  async put(path: string, data: Uint8Array): Promise<void> {
    await this.client.send(
      new (s3Sdk().PutObjectCommand)({ Bucket: this.bucket, Key: this.key(path), Body: data }),
    )
    await this.cache(path, data)
  }

  async putIfAbsent(path: string, data: Uint8Array): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.send(
          new (s3Sdk().PutObjectCommand)({
            Bucket: this.bucket,
            Key: this.key(path),
            Body: data,
            IfNoneMatch: '*',
          }),
        )
        await this.cache(path, data)
        return
      } catch (cause) {
        const status = statusOf(cause)
        if (status === 412) throw new ObjectAlreadyExistsError(path, { cause })
        if (status !== 409 || attempt >= CONFLICT_RETRIES) throw cause
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt))
      }
    }
  }

  async list(prefix: string): Promise<ObjectMeta[]> {
    const trimmed = prefix.replace(/^\/+|\/+$/g, '')
    const keyPrefix =
      trimmed === '' ? (this.prefix === '' ? '' : `${this.prefix}/`) : `${this.key(trimmed)}/`
    const strip = this.prefix === '' ? 0 : this.prefix.length + 1
    const out: ObjectMeta[] = []
    let token: string | undefined
    do {
      const r = await this.client.send(
        new (s3Sdk().ListObjectsV2Command)({
          Bucket: this.bucket,
          Prefix: keyPrefix,
          ...(token === undefined ? {} : { ContinuationToken: token }),
        }),
      )
      for (const o of r.Contents ?? []) {
        if (o.Key === undefined || o.Key.endsWith('/')) continue
        out.push({
          path: o.Key.slice(strip),
          size: o.Size ?? 0,
          modified: o.LastModified?.getTime() ?? 0,
        })
      }
      token = r.IsTruncated === true ? r.NextContinuationToken : undefined
    } while (token !== undefined)
    out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    return out
  }

  async delete(path: string): Promise<void> {
    await this.client.send(
      new (s3Sdk().DeleteObjectCommand)({ Bucket: this.bucket, Key: this.key(path) }),
    )
    await this.dropCached(path)
  }

  /**
   * Uploads files written at {@link localPath} (new data files, checkpoints) so that the commit
   * referencing them can follow. Local staging names (a last segment `.<…>.tmp`) stay local.
   */
  async flush(paths: readonly string[]): Promise<void> {
    await inParallel(
      paths.filter((p) => !isStaging(p)),
      async (p) => {
        const body = await readFile(this.localPath(p))
        await this.client.send(
          new (s3Sdk().PutObjectCommand)({ Bucket: this.bucket, Key: this.key(p), Body: body }),
        )
      },
    )
  }

  /**
   * Makes `paths` readable at {@link localPath}: downloads those not cached yet. Only immutable
   * objects are prefetched (data files, deletion vectors, checkpoints), so a cached copy is
   * always current.
   */
  async prefetch(paths: readonly string[]): Promise<void> {
    await inParallel([...new Set(paths)], async (p) => {
      const target = this.localPath(p)
      if (await exists(target)) return
      await this.cache(p, await this.get(p))
    })
  }

  /**
   * Keeps a local copy of an object this process wrote or fetched (temp file + rename: a torn
   * copy is never read). Only what DuckDB opens is ever read back from the cache.
   */
  private async cache(path: string, bytes: Uint8Array): Promise<void> {
    const target = this.localPath(path)
    await mkdir(dirname(target), { recursive: true })
    const tmp = `${target}.${randomUUID()}.download`
    const handle = await open(tmp, 'wx')
    try {
      await handle.writeFile(bytes)
    } finally {
      await handle.close()
    }
    await rename(tmp, target)
  }

  private async dropCached(path: string): Promise<void> {
    await unlink(this.localPath(path)).catch(() => undefined)
  }
}

function isStaging(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1)
  return name.startsWith('.') && name.endsWith('.tmp')
}

async function exists(path: string): Promise<boolean> {
  try {
    const h = await open(path, 'r')
    await h.close()
    return true
  } catch {
    return false
  }
}

async function inParallel<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker))
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(error) === 404
}
