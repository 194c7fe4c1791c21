/**
 * @module lake/store/s3-config
 * How an `s3://bucket/prefix` location becomes an S3 client and a local cache folder. Settings
 * come from the environment, as the AWS CLI and delta-rs read them: credentials and region by the
 * SDK's default chain (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`,
 * `AWS_PROFILE`, `AWS_REGION`), the endpoint of an S3-compatible server from
 * `AWS_ENDPOINT_URL_S3` or `AWS_ENDPOINT_URL`. Such servers (MinIO, Ceph, s3rver) are addressed
 * path-style (`http://host/bucket/key`); `AWS_S3_FORCE_PATH_STYLE=false` turns that off. The
 * cache folder is `PITWALL_S3_CACHE` (default `<tmp>/pitwall-s3-cache`).
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3'
import { UnsupportedFeatureError } from '../lake-errors.js'
import { s3Sdk } from './s3-sdk.js'

/** The bucket and key prefix of an `s3://` location. */
export interface S3Location {
  readonly bucket: string
  /** Key prefix without leading or trailing `/` (`''` for the bucket's root). */
  readonly prefix: string
}

/** Parses `s3://bucket/some/prefix` (also `s3a://`). */
export function parseS3Location(location: string): S3Location {
  const m = /^s3a?:\/\/([^/]+)\/?(.*)$/i.exec(location)
  if (m === null || m[1] === undefined || m[1] === '') {
    throw new UnsupportedFeatureError(`not an S3 location: ${location}`, {
      hint: 'write it as s3://<bucket>/<prefix>',
    })
  }
  return { bucket: m[1], prefix: (m[2] ?? '').replace(/^\/+|\/+$/g, '') }
}

/** The environment variables this module reads. */
export type S3Env = Readonly<Record<string, string | undefined>>

/** The S3 client settings for `env` (endpoint and path style; the SDK finds the credentials). */
export function s3ClientConfig(env: S3Env): S3ClientConfig {
  const endpoint = env['AWS_ENDPOINT_URL_S3'] ?? env['AWS_ENDPOINT_URL']
  const pathStyle = env['AWS_S3_FORCE_PATH_STYLE']
  const id = env['AWS_ACCESS_KEY_ID']
  const secret = env['AWS_SECRET_ACCESS_KEY']
  const token = env['AWS_SESSION_TOKEN']
  return {
    // Keys given in `env` are used as given; otherwise the SDK's chain (profiles, SSO, roles).
    ...(id === undefined || secret === undefined
      ? {}
      : {
          credentials: {
            accessKeyId: id,
            secretAccessKey: secret,
            ...(token === undefined ? {} : { sessionToken: token }),
          },
        }),
    region: env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
    ...(endpoint === undefined ? {} : { endpoint }),
    forcePathStyle: pathStyle === undefined ? endpoint !== undefined : pathStyle !== 'false',
    // S3-compatible servers do not all understand the SDK's default CRC trailers; checksums are
    // sent and checked only where the API requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }
}

const clients = new Map<string, S3Client>()

/** One client per configuration in a process (each holds a connection pool). */
export function sharedS3Client(env: S3Env): S3Client {
  const config = s3ClientConfig(env)
  const key = JSON.stringify([
    config.endpoint,
    config.region,
    config.forcePathStyle,
    env['AWS_ACCESS_KEY_ID'],
    env['AWS_PROFILE'],
  ])
  let client = clients.get(key)
  if (client === undefined) {
    client = new (s3Sdk().S3Client)(config)
    clients.set(key, client)
  }
  return client
}

/** The local cache folder of a location: `<cache root>/<bucket>/<prefix>`. */
export function s3CacheDir(location: S3Location, env: S3Env): string {
  const root = env['PITWALL_S3_CACHE'] ?? join(tmpdir(), 'pitwall-s3-cache')
  return join(root, location.bucket, ...location.prefix.split('/').filter((p) => p !== ''))
}
