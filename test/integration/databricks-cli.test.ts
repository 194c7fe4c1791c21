/**
 * `pitwall build` on a `type: databricks` target, through the real CLI: with no credentials in
 * the environment it stops before connecting, says which variables to set, and exits 2; the
 * token is never read from profiles.yml. (A connected build is the contract test's business:
 * no Databricks is reachable here.)
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runPitwall } from '../helpers/cli.js'
import { DATABRICKS_PROFILES } from './databricks-support.js'

const dir = mkdtempSync(join(tmpdir(), 'pitwall-dbx-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('pitwall build --target <databricks>', () => {
  it('without credentials names the environment variables to set and exits 2', () => {
    writeFileSync(join(dir, 'profiles.yml'), DATABRICKS_PROFILES)
    const env: Record<string, string> = { DATABRICKS_TOKEN: '', PITWALL_HOME: join(dir, 'home') }
    const r = runPitwall(['build', '--profiles-dir', dir, '--target', 'prod'], { env })
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toContain('no credentials for Databricks host dbc-0000.cloud.databricks.com')
    expect(r.stderr).toContain('DATABRICKS_TOKEN')
    expect(r.stderr).toContain('DATABRICKS_CLIENT_ID')
  }, 120_000)

  it('load sends the landing files to the workspace: without credentials it stops before any upload, exit 2', () => {
    writeFileSync(join(dir, 'profiles.yml'), DATABRICKS_PROFILES)
    const home = join(dir, 'load-home')
    mkdirSync(join(home, 'landing', 'laps'), { recursive: true })
    writeFileSync(
      join(home, 'landing', 'laps', 'laps_9158_20240302_120000.json'),
      '[{"lap_number":1}]',
    )
    const env: Record<string, string> = { DATABRICKS_TOKEN: '', PITWALL_HOME: home }
    const r = runPitwall(['load', '--profiles-dir', dir, '--target', 'prod'], { env })
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toContain('no credentials for Databricks host dbc-0000.cloud.databricks.com')
    // Nothing was written locally: a Databricks target's bronze is not a local Delta table.
    expect(existsSync(join(home, 'f1_prod'))).toBe(false)
  }, 120_000)
})
