import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { UnsupportedFeatureError } from '../lake-errors.js'
import { joinLocation, locationScheme, objectStoreFor } from './object-store-for.js'

describe('objectStoreFor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pitwall-store-for-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('gives a local store for a plain path and a file:// URL', async () => {
    await objectStoreFor(dir).put('a/b.txt', new TextEncoder().encode('x'))
    expect(readFileSync(join(dir, 'a', 'b.txt'), 'utf8')).toBe('x')
    const viaUrl = objectStoreFor(`file://${dir}`)
    expect(await viaUrl.head('a/b.txt')).toMatchObject({ size: 1 })
  })

  it('gives the same memory store for the same memory:// name', async () => {
    await objectStoreFor('memory://t1').put('k', new Uint8Array([1]))
    expect(await objectStoreFor('memory://t1').head('k')).toMatchObject({ size: 1 })
    expect(await objectStoreFor('memory://t2').head('k')).toBeUndefined()
  })

  it('refuses a scheme it has no store for, naming it', () => {
    expect(() => objectStoreFor('gs://bucket/x')).toThrow(UnsupportedFeatureError)
    expect(() => objectStoreFor('gs://bucket/x')).toThrow(/gs:\/\//)
  })

  it('joins locations for paths and URLs alike', () => {
    expect(joinLocation('s3://b/home/', 'dev', 'gold/t')).toBe('s3://b/home/dev/gold/t')
    expect(joinLocation('/tmp/h', 'landing')).toBe('/tmp/h/landing')
    expect(locationScheme('/tmp/h')).toBe('file')
    expect(locationScheme('S3://b')).toBe('s3')
  })
})
