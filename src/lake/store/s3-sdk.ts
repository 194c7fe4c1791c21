/**
 * @module lake/store/s3-sdk
 * `@aws-sdk/client-s3`, loaded the first time an `s3://` location is used. The SDK costs about
 * 0.4 CPU-s to load; a static import made every local command (`pitwall sql "select 1"`, a no-op
 * build) pay it. `objectStoreFor` is synchronous, so the SDK is required (its CommonJS build)
 * rather than imported.
 */
import { createRequire } from 'node:module'
import type * as Sdk from '@aws-sdk/client-s3'

/** The SDK's module shape. */
export type S3Sdk = typeof Sdk

let sdk: S3Sdk | undefined

/** The S3 SDK, loaded on first use. */
export function s3Sdk(): S3Sdk {
  sdk ??= createRequire(import.meta.url)('@aws-sdk/client-s3') as S3Sdk
  return sdk
}
