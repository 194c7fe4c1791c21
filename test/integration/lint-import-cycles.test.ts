import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../helpers/cli.js'

/** Every relative import of every non-test module under src/ (type-only imports included). */
function importGraph(): Map<string, string[]> {
  const files: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) files.push(path)
    }
  }
  walk(join(REPO_ROOT, 'src'))
  const known = new Set(files)
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    const deps: string[] = []
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'/gms)) {
      const target = resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'))
      if (known.has(target)) deps.push(target)
    }
    graph.set(file, deps)
  }
  return graph
}

/** The strongly connected components with more than one module (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const out: string[][] = []
  const visit = (v: string): void => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const component: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      component.push(relative(REPO_ROOT, w))
    } while (w !== v)
    if (component.length > 1) out.push(component.sort())
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return out
}

describe('import circles (issue 10)', () => {
  it('fail lint: a module importing what imports it is reported by import-x/no-cycle', async () => {
    const eslint = new ESLint({ cwd: REPO_ROOT })
    // core/index.ts re-exports errors.ts; errors.ts importing index.ts back closes a circle.
    const [result] = await eslint.lintText(
      "import { makeDiagnostic } from './index.js'\nexport const probe = makeDiagnostic\n",
      { filePath: join(REPO_ROOT, 'src/core/errors.ts') },
    )
    const messages = (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`)
    expect(messages).toContain('import-x/no-cycle: Dependency cycle detected')
  })

  it('do not exist in src/, type-only imports included (lint ignores those)', () => {
    expect(circles(importGraph())).toEqual([])
  })
})
