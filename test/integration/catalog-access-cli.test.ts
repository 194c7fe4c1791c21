/**
 * Access control from the command line, as an admin uses it: principals and groups, grants and
 * revokes (Unity Catalog semantics: USE CATALOG + USE SCHEMA + SELECT, inherited downward, group
 * grants apply to members), SHOW GRANTS, and tokens (shown once, listed without the secret,
 * revocable) — each checked by what `pitwall sql --as` may then read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryIo, runCli } from '../../src/cli/index.js'
import { buildServeFixture, DEV, type ServeFixture } from './serve-fixture.js'

let fixture: ServeFixture
beforeAll(async () => {
  fixture = await buildServeFixture()
})
afterAll(async () => {
  await fixture?.cleanup()
})

const pitwall = async (...args: string[]) => {
  const io = memoryIo({ env: { NO_COLOR: '1' } })
  const code = await runCli(['--home', fixture.home, ...args], io)
  return { code, stdout: io.out(), stderr: io.err() }
}
const SILVER = `select count(*) as n from ${DEV}.silver_clean.silver_laps`

describe('principals, grants and tokens', () => {
  it('grants a group member what the group has, and more only when granted, until revoked', async () => {
    const created = await pitwall(
      'principals',
      'create',
      'ana@f1.dev',
      '--kind',
      'user',
      '--member-of',
      'data_analysts',
    )
    expect([created.code, created.stdout.trim()]).toEqual([
      0,
      'created user ana@f1.dev (member of data_analysts)',
    ])
    const listed = await pitwall('--json', 'principals')
    expect(
      (JSON.parse(listed.stdout) as { principals: { name: string; member_of: string }[] })
        .principals,
    ).toContainEqual(expect.objectContaining({ name: 'ana@f1.dev', member_of: 'data_analysts' }))
    const gold = await pitwall(
      'sql',
      '--as',
      'ana@f1.dev',
      '--format',
      'json',
      `select count(*) as n from ${DEV}.gold_analytics.numbers`,
    )
    expect([gold.code, JSON.parse(gold.stdout)]).toEqual([0, [{ n: 3000 }]])
    const before = await pitwall('sql', '--as', 'ana@f1.dev', SILVER)
    expect(before.code).toBe(1)
    expect(before.stderr).toMatch(
      /ana@f1\.dev lacks USE SCHEMA on dev_f1_data_analytics\.silver_clean/,
    )

    const partial = await pitwall(
      'grant',
      'select',
      '--on',
      'dev.silver_clean',
      '--to',
      'ana@f1.dev',
    )
    expect(partial.code).toBe(0)
    expect(partial.stderr).toMatch(
      /cannot read it yet: lacks USE SCHEMA on dev_f1_data_analytics\.silver_clean/,
    )
    const granted = await pitwall(
      'grant',
      'use_schema',
      '--on',
      'dev_f1_data_analytics.silver_clean',
      '--to',
      'ana@f1.dev',
    )
    expect(granted.stdout.trim()).toBe(
      'granted USE SCHEMA on dev_f1_data_analytics.silver_clean to ana@f1.dev',
    )
    const after = await pitwall('sql', '--as', 'ana@f1.dev', '--format', 'json', SILVER)
    expect([after.code, JSON.parse(after.stdout)]).toEqual([0, [{ n: 3 }]])

    const shown = await pitwall(
      '--json',
      'show',
      'grants',
      '--on',
      'dev.silver_clean.silver_laps',
      '--principal',
      'ana@f1.dev',
    )
    expect(JSON.parse(shown.stdout)).toEqual([
      {
        principal: 'ana@f1.dev',
        privilege: 'SELECT',
        on: `${DEV}.silver_clean`,
        inherited_by: `${DEV}.silver_clean.silver_laps`,
      },
      {
        principal: 'ana@f1.dev',
        privilege: 'USE SCHEMA',
        on: `${DEV}.silver_clean`,
        inherited_by: `${DEV}.silver_clean.silver_laps`,
      },
      {
        principal: 'data_analysts',
        privilege: 'USE CATALOG',
        on: DEV,
        inherited_by: `${DEV}.silver_clean.silver_laps`,
      },
    ])

    const revoked = await pitwall(
      'revoke',
      'SELECT',
      '--on',
      'dev.silver_clean',
      '--from',
      'ana@f1.dev',
    )
    expect(revoked.stdout.trim()).toBe(
      'revoked SELECT on dev_f1_data_analytics.silver_clean from ana@f1.dev',
    )
    expect((await pitwall('sql', '--as', 'ana@f1.dev', SILVER)).code).toBe(1)
    const nothing = await pitwall(
      'revoke',
      'SELECT',
      '--on',
      `${DEV}.gold_analytics`,
      '--from',
      'ana@f1.dev',
    )
    expect(nothing.stdout).toMatch(/nothing to revoke: ana@f1\.dev held none of SELECT directly/)
  })

  it('shows a token once, lists it without the secret, and revokes it', async () => {
    const created = await pitwall(
      '--json',
      'tokens',
      'create',
      '--principal',
      'data_analysts',
      '--expires-in',
      '30d',
      '--comment',
      'dashboard',
    )
    expect(created.code).toBe(0)
    const { principal, token, expires_at } = JSON.parse(created.stdout) as {
      principal: string
      token: string
      expires_at: string
    }
    expect(principal).toBe('data_analysts')
    expect(Date.parse(expires_at) - Date.now()).toBeGreaterThan(29 * 86_400_000)
    // Without --json stdout is the token alone (TOKEN=$(pitwall tokens create …)); the note is on stderr.
    const plain = await pitwall('tokens', 'create', '--principal', 'data_analysts')
    expect(plain.code).toBe(0)
    expect(plain.stdout).toMatch(/^pwt_\S+\n$/)
    expect(plain.stderr).toContain('it is shown only now')
    const list = await pitwall('--json', 'tokens', 'list')
    expect(list.stdout).not.toContain(token.slice(18))
    const [entry] = JSON.parse(list.stdout) as {
      token_id: string
      status: string
      comment: string
    }[]
    expect(entry).toMatchObject({ status: 'active', comment: 'dashboard' })
    expect(token).toContain(entry!.token_id)
    expect((await pitwall('tokens', 'revoke', entry!.token_id)).code).toBe(0)
    expect(
      (JSON.parse((await pitwall('--json', 'tokens', 'list')).stdout) as { status: string }[])[0]
        ?.status,
    ).toBe('revoked')
    const again = await pitwall('tokens', 'revoke', entry!.token_id)
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/no active token/)
  })

  it.each([
    [['grant', 'selec', '--on', 'dev', '--to', 'admin'], /unknown privilege 'selec'/],
    [['grant', 'select', '--on', 'qa.gold_analytics', '--to', 'admin'], /unknown catalog 'qa'/],
    [['grant', 'select', '--on', 'dev.gold', '--to', 'admin'], /unknown schema 'gold'/],
    [['grant', 'select', '--on', 'dev', '--to', 'ghost'], /unknown principal 'ghost'/],
    [['tokens', 'create', '--principal', 'ghost'], /unknown principal 'ghost'/],
    [
      ['tokens', 'create', '--principal', 'admin', '--expires-in', 'forever'],
      /--expires-in must be a duration/,
    ],
    [['principals', 'create', 'Bad Name'], /is not a principal name/],
    [
      ['principals', 'create', 'x', '--kind', 'robot'],
      /--kind must be one of user, service_principal, group/,
    ],
  ])('exits 2 on %j', async (args, message) => {
    const r = await pitwall(...args)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
  })
})
