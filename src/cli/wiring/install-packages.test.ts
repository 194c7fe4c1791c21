import { spawnSync } from 'node:child_process'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { UsageError } from '../../core/index.js'
import { installPackages } from './install-packages.js'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pitwall-deps-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

/** A dbt package folder named `name` with one macro (and, optionally, its own packages.yml). */
function makePackage(dir: string, name: string, packagesYml?: string): void {
  mkdirSync(join(dir, 'macros'), { recursive: true })
  writeFileSync(join(dir, 'dbt_project.yml'), `name: ${name}\nversion: '1.0'\nconfig-version: 2\n`)
  writeFileSync(join(dir, 'macros', `${name}.sql`), `{% macro hello() %}'${name}'{% endmacro %}`)
  if (packagesYml !== undefined) writeFileSync(join(dir, 'packages.yml'), packagesYml)
}

function makeProject(packagesYml: string): string {
  const project = join(root, 'project')
  mkdirSync(project, { recursive: true })
  writeFileSync(join(project, 'dbt_project.yml'), 'name: proj\nprofile: proj\n')
  writeFileSync(join(project, 'packages.yml'), packagesYml)
  return project
}

describe('installPackages', () => {
  it('links a local package as dbt does, follows its packages, and writes package-lock.yml', async () => {
    makePackage(join(root, 'helpers'), 'helpers')
    makePackage(join(root, 'utils'), 'my_utils', 'packages:\n  - local: ../helpers\n')
    const project = makeProject('packages:\n  - local: ../utils\n')
    const lines: string[] = []
    const r = await installPackages(project, (l) => lines.push(l))
    expect(r.packages.map((p) => [p.name, p.kind, p.how, p.path])).toEqual([
      ['my_utils', 'local', 'linked', 'dbt_packages/my_utils'],
      ['helpers', 'local', 'linked', 'dbt_packages/helpers'],
    ])
    expect(lstatSync(join(project, 'dbt_packages', 'my_utils')).isSymbolicLink()).toBe(true)
    expect(
      readFileSync(join(project, 'dbt_packages', 'helpers', 'macros', 'helpers.sql'), 'utf8'),
    ).toContain("'helpers'")
    expect(lines[0]).toBe('Installing ../utils')
    const lock = parseYaml(readFileSync(join(project, 'package-lock.yml'), 'utf8')) as {
      packages: unknown[]
      sha1_hash: string
    }
    expect(lock.packages).toEqual([
      { local: '../utils', name: 'my_utils' },
      { local: '../helpers', name: 'helpers' },
    ])
    expect(lock.sha1_hash).toMatch(/^[0-9a-f]{40}$/)
    // Installing again replaces the link, never the package's own files.
    await installPackages(project)
    expect(existsSync(join(root, 'utils', 'macros', 'my_utils.sql'))).toBe(true)
  })

  it('unpacks a tarball package (file:// URL or path) under its name, its top folder dropped', async () => {
    makePackage(join(root, 'src', 'audit-helper-0.1'), 'audit_helper')
    const tarball = join(root, 'audit.tar.gz')
    const tar = spawnSync('tar', ['-czf', tarball, '-C', join(root, 'src'), 'audit-helper-0.1'])
    expect(tar.status).toBe(0)
    for (const ref of [pathToFileURL(tarball).href, '../audit.tar.gz']) {
      const project = makeProject(`packages:\n  - tarball: ${ref}\n    name: audit_helper\n`)
      const r = await installPackages(project)
      expect(r.packages).toEqual([
        expect.objectContaining({ name: 'audit_helper', kind: 'tarball', how: 'unpacked' }),
      ])
      const installed = join(project, 'dbt_packages', 'audit_helper')
      expect(readFileSync(join(installed, 'dbt_project.yml'), 'utf8')).toContain('audit_helper')
      expect(existsSync(join(installed, 'macros', 'audit_helper.sql'))).toBe(true)
      rmSync(project, { recursive: true, force: true })
    }
  })

  it('refuses hub and git packages before installing anything, naming what to download', async () => {
    makePackage(join(root, 'utils'), 'my_utils')
    const project = makeProject(
      [
        'packages:',
        '  - local: ../utils',
        '  - package: dbt-labs/dbt_utils',
        '    version: [">=1.0.0", "<2.0.0"]',
        '  - git: https://github.com/dbt-labs/codegen.git',
        '    revision: 0.12.1',
      ].join('\n'),
    )
    const error = await installPackages(project).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    const message = (error as UsageError).message
    expect(message).toContain('dbt-labs/dbt_utils (hub, version >=1.0.0, <2.0.0)')
    expect(message).toContain('https://hub.getdbt.com/dbt-labs/dbt_utils/latest/')
    expect(message).toContain('git clone https://github.com/dbt-labs/codegen.git, checkout 0.12.1')
    expect(existsSync(join(project, 'dbt_packages'))).toBe(false)
    expect(existsSync(join(project, 'package-lock.yml'))).toBe(false)
  })

  it('says which local package is not a dbt package', async () => {
    mkdirSync(join(root, 'empty'))
    const project = makeProject('packages:\n  - local: ../empty\n')
    await expect(installPackages(project)).rejects.toThrow(/has no dbt_project.yml/)
  })

  it('installs nothing and writes no lock without packages', async () => {
    const project = makeProject('packages: []\n')
    const r = await installPackages(project)
    expect(r).toMatchObject({ packages: [], lockFile: null })
    expect(existsSync(join(project, 'package-lock.yml'))).toBe(false)
  })
})
