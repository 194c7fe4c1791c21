import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readJsonFile, writeJsonAtomic } from './artifact-files.js'

const dir = mkdtempSync(join(tmpdir(), 'pitwall-artifacts-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('artifact files', () => {
  it('are never seen half-written by a concurrent reader, and leave no temp files', async () => {
    const file = join(dir, 'run_results.json')
    // Large enough that one write takes several chunks of the thread pool.
    const big = (n: number) => ({ n, results: Array.from({ length: 40_000 }, (_, i) => ({ i })) })
    await writeJsonAtomic(file, big(0))
    let torn = 0
    let reads = 0
    let writing = true
    const reader = (async () => {
      while (writing) {
        const text = await readFile(file, 'utf8')
        reads++
        try {
          JSON.parse(text)
        } catch {
          torn++
        }
      }
    })()
    for (let n = 1; n <= 15; n++) await writeJsonAtomic(file, big(n))
    writing = false
    await reader
    expect(reads).toBeGreaterThan(0)
    expect(torn).toBe(0)
    expect(((await readJsonFile(file, () => undefined)) as { n: number }).n).toBe(15)
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([])
  })

  it('treat a missing file as absent, and a torn one as absent with a warning', async () => {
    const warnings: string[] = []
    expect(await readJsonFile(join(dir, 'nope.json'), (m) => warnings.push(m))).toBeUndefined()
    expect(warnings).toEqual([])
    const torn = join(dir, 'manifest.json')
    writeFileSync(torn, '{"metadata": {"dbt_schema_ver')
    expect(await readJsonFile(torn, (m) => warnings.push(m))).toBeUndefined()
    expect(warnings).toEqual([expect.stringContaining(`${torn} is not valid JSON`)])
  })
})
