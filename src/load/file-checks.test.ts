import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { refusalOf } from './file-checks.js'
import type { FileShape } from './file-shape.js'
import type { ManifestCounts } from './landing-manifest.js'

const dir = mkdtempSync(join(tmpdir(), 'pitwall-checks-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const noManifest: ManifestCounts = { recordsOf: () => undefined }

function shape(name: string, body: string | Buffer, records: number): FileShape {
  const path = join(dir, name)
  writeFileSync(path, body)
  return {
    file: {
      endpoint: 'laps',
      path,
      sourceFile: `laps/${name}`,
      batchDay: '2024-06-30',
      order: name,
      bytes: body.length,
    },
    records,
    keyLists: [['a']],
    nonObjects: new Map(),
  }
}

describe('refusalOf', () => {
  const body = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ a: i, b: i / 7 })))

  it('accepts a whole file, a whole gzip file and a real empty array', async () => {
    expect(await refusalOf(shape('a.json', body, 200), noManifest)).toBeUndefined()
    expect(await refusalOf(shape('b.json.gz', gzipSync(body), 200), noManifest)).toBeUndefined()
    expect(await refusalOf(shape('c.json', ' [\n] ', 0), noManifest)).toBeUndefined()
  })

  it('refuses a gzip stream cut short even when the records before the cut were read', async () => {
    const gz = gzipSync(body)
    const refusal = await refusalOf(
      shape('d.json.gz', gz.subarray(0, gz.length - 40), 150),
      noManifest,
    )
    expect(refusal).toMatch(/corrupt gzip stream \(unexpected end of file\)/)
  })

  it('refuses a count that differs from the manifest, and empty files that are not []', async () => {
    const manifest: ManifestCounts = { recordsOf: (f) => (f === 'laps/e.json' ? 201 : undefined) }
    expect(await refusalOf(shape('e.json', body, 200), manifest)).toMatch(
      /holds 200 record\(s\) but the extraction manifest recorded 201/,
    )
    expect(await refusalOf(shape('f.json', '', 0), noManifest)).toMatch(/empty \(0 bytes\)/)
    expect(await refusalOf(shape('g.json', '\n \n', 0), noManifest)).toMatch(/only whitespace/)
    expect(await refusalOf(shape('h.json.gz', gzipSync('  '), 0), noManifest)).toMatch(
      /only whitespace/,
    )
  })
})
