/**
 * The shipped path: `npm run build` (what `npm ci` runs through `prepare`: the esbuild bundle of
 * bin/bundle.js), then the real `bin/pitwall.js` on `dist/`. `--help` must load commander and the
 * command specs only: the files Node loads are recorded with a module hook, and each bundle chunk
 * is expanded to the sources it holds through `dist/meta.json` (esbuild's metafile). A missing or
 * stale `dist/` is refused with one line and exit code 2.
 */
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPackageCopy, PITWALL_BIN, REPO_ROOT, pitwallEnv, runPitwall } from '../helpers/cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'pitwall-cli-built-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** A built copy of the package (src/ as it is now, dist/ compiled from it). */
let pkg = ''
beforeAll(() => {
  pkg = buildPackageCopy(join(tmp, 'package'))
}, 300_000)

/** Runs the built bin with a load hook; returns the repository-relative modules loaded. */
function loadedModules(args: readonly string[]): {
  code: number
  stdout: string
  modules: string[]
} {
  const log = join(tmp, `loaded-${Math.random().toString(36).slice(2)}.txt`)
  const hooks = join(tmp, 'hooks.mjs')
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs'
export async function load(url, context, next) {
  appendFileSync(process.env.PITWALL_LOAD_LOG, url + '\\n')
  return next(url, context)
}
`,
  )
  const register = join(tmp, 'register.mjs')
  writeFileSync(
    register,
    `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)})\n`,
  )
  const r = spawnSync(
    process.execPath,
    ['--import', register, join(pkg, 'bin', 'pitwall.js'), ...args],
    {
      cwd: tmp,
      env: { ...pitwallEnv({ built: true }), PITWALL_LOAD_LOG: log },
      encoding: 'utf8',
      timeout: 60_000,
    },
  )
  // node_modules is a link to the repository's: its modules load from there.
  const roots = [pathToFileURL(pkg).href, pathToFileURL(REPO_ROOT).href]
  const files = readFileSync(log, 'utf8')
    .split('\n')
    .flatMap((u) => {
      const root = roots.find((r) => u.startsWith(`${r}/`))
      return root === undefined ? [] : [u.slice(root.length + 1)]
    })
  const meta = JSON.parse(readFileSync(join(pkg, 'dist', 'meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>
  }
  const modules = files.flatMap((f) => {
    const output = meta.outputs[f]
    return output === undefined ? [f] : [f, ...Object.keys(output.inputs)]
  })
  return { code: r.status ?? -1, stdout: r.stdout, modules }
}

/** What `--help` must never load (sources inside the loaded chunks included). */
const HEAVY = [
  /^src\/(core|openf1|lake|engine|catalog|load|transform|pipeline|serve)\//,
  /^src\/cli\/(actions|wiring)\//,
  /^src\/cli\/context\.ts$/,
  /node_modules\/(@duckdb|zod|yaml|nunjucks|hono|@hono|tsx)\//,
]

describe('the built pitwall', () => {
  it('prints help from dist/ without loading any layer', () => {
    for (const args of [['--help'], ['sql', '--help'], ['table', 'scan', '--help']]) {
      const r = loadedModules(args)
      expect(r.code, args.join(' ')).toBe(0)
      expect(r.stdout).toContain('Usage: pitwall')
      expect(r.modules).toContain('dist/cli/start.js')
      expect(r.modules).toContain('src/cli/program.ts')
      const heavy = r.modules.filter((m) => HEAVY.some((re) => re.test(m)))
      expect(heavy, args.join(' ')).toEqual([])
    }
  })

  it('runs a query from dist/ (DuckDB loads when the command runs)', () => {
    const r = runPitwall(
      [
        '--home',
        join(tmp, 'home'),
        '--log-level',
        'warn',
        'sql',
        'select 41 + 1 as answer',
        '--format',
        'csv',
      ],
      { built: true, packageDir: pkg },
    )
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('answer\r\n42\r\n')
    expect(r.code).toBe(0)
  })

  it('loads DuckDB for a query, but not the API server', () => {
    const r = loadedModules(['--home', join(tmp, 'home'), '--log-level', 'warn', 'sql', 'select 1'])
    expect(r.code).toBe(0)
    expect(r.modules.some((m) => m.includes('node_modules/@duckdb/'))).toBe(true)
    expect(r.modules).toContain('src/engine/duckdb/duckdb-engine.ts')
    const server = r.modules.filter((m) => /^src\/serve\/|node_modules\/(hono|@hono)\//.test(m))
    expect(server).toEqual([])
  })

  it('prepare builds nothing when dist/ is up to date (as on the first npx in a clone)', () => {
    const main = join(pkg, 'dist', 'cli', 'start.js')
    const before = statSync(main).mtimeMs
    const r = spawnSync('npm', ['run', '--silent', 'prepare'], { cwd: pkg, encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    expect(statSync(main).mtimeMs).toBe(before)
  })

  it('prints its version from package.json', () => {
    const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as {
      version: string
    }
    expect(runPitwall(['--version'], { built: true, packageDir: pkg }).stdout).toBe(`${version}\n`)
  })
})

describe('bin/pitwall.js without a usable dist/', () => {
  /** A package folder holding only bin/ (and whatever `setup` adds). */
  function fakePackage(name: string, setup: (dir: string) => void): string {
    const dir = join(tmp, name)
    mkdirSync(join(dir, 'bin'), { recursive: true })
    cpSync(dirname(PITWALL_BIN), join(dir, 'bin'), { recursive: true })
    setup(dir)
    return dir
  }
  const run = (dir: string) =>
    spawnSync(process.execPath, [join(dir, 'bin', 'pitwall.js'), '--help'], {
      env: pitwallEnv({ built: true }),
      encoding: 'utf8',
    })

  it('says to build when dist/ is missing, exit 2, no stack trace', () => {
    const r = run(fakePackage('missing', () => undefined))
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(
      'pitwall: dist/ is missing: run `npm run build` (npm ci does it through the prepare script)\n',
    )
  })

  it('says to rebuild when a source file is newer than dist/', () => {
    const dir = fakePackage('stale', (d) => {
      mkdirSync(join(d, 'dist', 'cli'), { recursive: true })
      mkdirSync(join(d, 'src', 'lake'), { recursive: true })
      writeFileSync(join(d, 'dist', 'meta.json'), '{"inputs":{},"outputs":{}}\n')
      writeFileSync(join(d, 'dist', 'cli', 'start.js'), 'export async function start() {}\n')
      writeFileSync(join(d, 'src', 'lake', 'snapshot.ts'), 'export {}\n')
      const old = new Date(Date.now() - 60_000)
      utimesSync(join(d, 'dist', 'cli', 'start.js'), old, old)
    })
    const r = run(dir)
    expect(r.status).toBe(2)
    expect(r.stderr).toBe(
      'pitwall: dist/ is older than src/lake/snapshot.ts: run `npm run build` to rebuild it\n',
    )
  })
})
