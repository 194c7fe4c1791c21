/**
 * The composition root rule (STYLE.md §1, §16), checked by linting probe files: a layer below
 * the CLI that builds a concrete object store or engine fails lint; the CLI, the object-store
 * factory and tests may. `npm run lint` applies the rule to every file of src/.
 */
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers/cli.js'

const eslint = new ESLint({ cwd: REPO_ROOT })

async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) })
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message)
}

const LAKE =
  "import { LocalObjectStore, MemoryObjectStore, objectStoreFor } from '../lake/index.js'\n"
const ENGINE = "import { DuckDbEngine } from '../engine/index.js'\n"

describe('concrete adapters are built in the composition root only', () => {
  it('refuse an object store built in a layer', async () => {
    const messages = await lint(
      'src/load/probe.ts',
      `${LAKE}export const a = new LocalObjectStore('/tmp/x')\nexport const b = new MemoryObjectStore('m')\nexport const c = objectStoreFor('/tmp/y')\n`,
    )
    expect(messages).toHaveLength(3)
    expect(messages[0]).toMatch(/^new LocalObjectStore\(…\): STYLE\.md §16/)
    expect(messages[1]).toMatch(/^new MemoryObjectStore\(…\)/)
    expect(messages[2]).toMatch(/^objectStoreFor\(…\).*ObjectStoreFactory/)
  })

  it('refuse an engine built in a layer', async () => {
    const messages = await lint(
      'src/catalog/probe.ts',
      `${ENGINE}export const e = await DuckDbEngine.create()\n`,
    )
    expect(messages).toEqual([expect.stringMatching(/^DuckDbEngine\.create\(…\): STYLE\.md §16/)])
  })

  it('refuse them in the pipeline and the server too', async () => {
    for (const layer of ['pipeline', 'serve', 'transform/materialize']) {
      const messages = await lint(
        `src/${layer}/probe.ts`,
        `${ENGINE.replace('../', layer.includes('/') ? '../../' : '../')}export const e = await DuckDbEngine.create()\n`,
      )
      expect(messages, layer).toHaveLength(1)
    }
  })

  it('allow them in the CLI, the object-store factory and tests', async () => {
    expect(
      await lint(
        'src/cli/wiring/probe.ts',
        `${ENGINE.replace('../', '../../')}export const e = await DuckDbEngine.create()\n`,
      ),
    ).toEqual([])
    expect(
      await lint(
        'src/lake/store/probe.ts',
        "import { LocalObjectStore } from './local-object-store.js'\nexport const s = new LocalObjectStore('/tmp/x')\n",
      ),
    ).toEqual([])
    expect(
      await lint(
        'src/load/probe.test.ts',
        `${LAKE}export const s = new LocalObjectStore('/tmp/x')\n`,
      ),
    ).toEqual([])
  })
})
