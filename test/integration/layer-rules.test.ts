import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers/cli.js'

const eslint = new ESLint({ cwd: REPO_ROOT })

async function lint(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) })
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`)
}

describe('layer rules (DESIGN.md §2)', () => {
  it('refuse core importing lake', async () => {
    const messages = await lint('src/core/probe.ts', "export * from '../lake/index.js'\n")
    expect(messages.join('\n')).toMatch(
      /no-restricted-paths.*core may import only nothing of ours, not lake/,
    )
  })

  it('refuse lake importing transform', async () => {
    const messages = await lint('src/lake/probe.ts', "export * from '../transform/index.js'\n")
    expect(messages.join('\n')).toMatch(/no-restricted-paths.*not transform/)
  })

  it('refuse deep imports across folders', async () => {
    const messages = await lint('src/cli/probe.ts', "export * from '../core/errors.js'\n")
    expect(messages.join('\n')).toMatch(/through src\/core\/index\.ts/)
  })

  it('allow a downhill import through index.ts', async () => {
    expect(await lint('src/load/probe.ts', "export * from '../lake/index.js'\n")).toEqual([])
  })

  it('refuse node built-ins in core', async () => {
    const messages = await lint(
      'src/core/probe.ts',
      "export { readFile } from 'node:fs/promises'\n",
    )
    expect(messages.join('\n')).toMatch(/no-restricted-imports/)
  })
})
