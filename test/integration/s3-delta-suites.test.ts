/**
 * The Delta writer's suites again, with every table on S3: s3rver on loopback behind the
 * conditional-write proxy (`s3-server.ts`). `useFixtureStore` makes `tableFixture` hand out S3
 * stores whose cache folder is the fixture's folder, so a suite's own look at files it wrote
 * (commit JSON, `_change_data`) finds the written-through copies, while every read the code under
 * test makes (log listing, commits, snapshots, scans, copy-on-write) goes to the bucket.
 *
 * Left to the local runs: suites that change files behind the store's back (back-dated
 * modification times for log cleanup and VACUUM, orphan files, torn commits, crash points) —
 * S3 has no such operations; the races of S3 writers are in `s3-delta-race.test.ts`.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  S3ObjectStore,
  objectStoreFor,
  parseS3Location,
  sharedS3Client,
} from '../../src/lake/index.js'
import { useFixtureStore } from './delta-write-helpers.js'
import { startS3Server, type S3TestServer } from './s3-server.js'
import './delta-write-roundtrip.test.js'
import './delta-write-merge.test.js'
import './delta-write-merge-cdf.test.js'

let s3: S3TestServer | undefined

beforeAll(async () => {
  const server = await startS3Server()
  s3 = server
  useFixtureStore(
    (dir) =>
      new S3ObjectStore({
        client: sharedS3Client(server.env),
        location: parseS3Location(`s3://${server.bucket}/suites/${randomUUID()}`),
        cacheDir: dir,
      }),
  )
})

afterAll(async () => {
  useFixtureStore(undefined)
  await s3?.close()
})

describe('the suites above ran on S3', () => {
  it('left their commits in the bucket', async () => {
    const server = s3 as S3TestServer
    const objects = await objectStoreFor(`s3://${server.bucket}/suites`, server.env).list('')
    const commits = objects.filter((o) => /_delta_log\/\d{20}\.json$/.test(o.path))
    expect(new Set(commits.map((c) => c.path.split('/')[0])).size).toBeGreaterThanOrEqual(15)
  })
})
