/**
 * `pitwall deps` as users run it (issue 15): inside a dbt project, a local package is linked into
 * dbt_packages/ and the build uses its macros; a hub package stops with exit 2, naming what to
 * download, and nothing is installed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runPitwall } from '../helpers/cli.js'
import { withTmpDir } from '../helpers/tmp.js'

function project(dir: string, packagesYml: string): string {
  const root = join(dir, 'shop')
  mkdirSync(join(root, 'models'), { recursive: true })
  writeFileSync(join(root, 'dbt_project.yml'), 'name: shop\nprofile: shop\nconfig-version: 2\n')
  writeFileSync(
    join(root, 'profiles.yml'),
    'shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: shop.duckdb\n      threads: 1\n',
  )
  writeFileSync(join(root, 'packages.yml'), packagesYml)
  writeFileSync(join(root, 'models', 'greeting.sql'), "select {{ helpers.greet('pit') }} as g\n")
  return root
}

describe('pitwall deps', () => {
  it('links a local package that the build then uses', async () => {
    await withTmpDir(async (dir) => {
      mkdirSync(join(dir, 'helpers', 'macros'), { recursive: true })
      writeFileSync(join(dir, 'helpers', 'dbt_project.yml'), 'name: helpers\nconfig-version: 2\n')
      writeFileSync(
        join(dir, 'helpers', 'macros', 'greet.sql'),
        "{% macro greet(who) %}'hello ' || '{{ who }}'{% endmacro %}\n",
      )
      const root = project(dir, 'packages:\n  - local: ../helpers\n')
      const env = { PITWALL_HOME: join(root, 'lakehouse') }
      const deps = runPitwall(['deps', '--json'], { cwd: root, env })
      expect(deps.code, deps.stderr).toBe(0)
      expect(JSON.parse(deps.stdout)).toMatchObject({
        command: 'deps',
        packages: [{ name: 'helpers', kind: 'local', how: 'linked', path: 'dbt_packages/helpers' }],
      })
      expect(readFileSync(join(root, 'package-lock.yml'), 'utf8')).toContain('name: helpers')
      const run = runPitwall(['run', '--json'], { cwd: root, env })
      expect(run.code, run.stderr).toBe(0)
      const compiled = readFileSync(
        join(root, 'lakehouse', 'target', 'dev', 'compiled', 'shop', 'models', 'greeting.sql'),
        'utf8',
      )
      expect(compiled).toContain("'hello ' || 'pit'")
    })
  })

  it('refuses a hub package with exit 2, naming what to download, and installs nothing', async () => {
    await withTmpDir(async (dir) => {
      const root = project(dir, 'packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.3.0\n')
      const r = runPitwall(['deps'], { cwd: root, env: { PITWALL_HOME: join(root, 'lakehouse') } })
      expect(r.code).toBe(2)
      expect(r.stderr).toContain('dbt-labs/dbt_utils (hub, version 1.3.0)')
      expect(r.stderr).toContain('https://hub.getdbt.com/dbt-labs/dbt_utils/latest/')
      expect(existsSync(join(root, 'dbt_packages'))).toBe(false)
    })
  })
})
