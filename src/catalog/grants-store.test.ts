import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../engine/index.js'
import { objectStoreFor } from '../lake/index.js'
import { addGrant, checkAccess, defaultGrants } from './grants.js'
import { loadGrants, saveGrants } from './grants-store.js'
import { DEFAULT_DIRECTORY } from './identity.js'
import { loadDirectory, saveDirectory } from './identity-store.js'
import type { CatalogStorage } from './system-tables.js'
import { createToken, loadTokens, revokeToken } from './token-store.js'
import { verifyToken } from './tokens.js'

const DEV = { target: 'dev', catalog: 'dev_f1_data_analytics' }
const home = mkdtempSync(join(tmpdir(), 'pitwall-grants-'))
let storage: CatalogStorage
beforeAll(async () => {
  storage = { home, storeFor: objectStoreFor, engine: await DuckDbEngine.create() }
})
afterAll(async () => {
  await storage.engine.close()
  rmSync(home, { recursive: true, force: true })
})

describe('grants store', () => {
  it('starts from the defaults, and keeps what is saved in the system schema', async () => {
    expect(await loadGrants(storage, DEV)).toEqual(expect.arrayContaining(defaultGrants([DEV])))
    const more = addGrant(defaultGrants([DEV]), {
      principal: 'data_analysts',
      privilege: 'SELECT',
      on: { catalog: DEV.catalog, schema: 'silver_clean', table: 'silver_laps' },
    })
    expect(await saveGrants(storage, DEV.catalog, more)).toBe(0)
    const loaded = await loadGrants(storage, DEV)
    expect(loaded).toHaveLength(more.length)
    expect(loaded).toEqual(expect.arrayContaining(more))
    const target = { catalog: DEV.catalog, schema: 'silver_clean', table: 'silver_laps' }
    // SELECT alone is not enough: USE SCHEMA on silver_clean is still missing.
    expect(checkAccess(loaded, 'data_analysts', 'SELECT', target).allowed).toBe(false)
    expect(await saveGrants(storage, DEV.catalog, [])).toBe(1)
    expect(await loadGrants(storage, DEV)).toEqual([])
  })
})

describe('directory and tokens', () => {
  it('keeps principals and memberships, defaults until something is saved', async () => {
    expect(await loadDirectory(storage, DEV.catalog)).toEqual(DEFAULT_DIRECTORY)
    const directory = {
      principals: [
        ...DEFAULT_DIRECTORY.principals,
        { name: 'ana@f1.dev', kind: 'user' as const, description: 'analyst' },
      ],
      memberships: [{ group: 'data_analysts', member: 'ana@f1.dev' }],
    }
    await saveDirectory(storage, DEV.catalog, directory)
    const loaded = await loadDirectory(storage, DEV.catalog)
    expect(loaded.memberships).toEqual(directory.memberships)
    expect(loaded.principals.map((p) => p.name).sort()).toEqual(
      directory.principals.map((p) => p.name).sort(),
    )
  })

  it('stores only a hash, verifies the token once shown, and honours revocation and expiry', async () => {
    const now = new Date('2025-01-01T00:00:00Z')
    const a = await createToken(storage, DEV.catalog, {
      principal: 'data_analysts',
      expiresAt: new Date('2025-02-01T00:00:00Z'),
      now,
    })
    const b = await createToken(storage, DEV.catalog, {
      principal: 'admin',
      expiresAt: new Date('2025-01-02T00:00:00Z'),
      now,
    })
    expect(a.token).toMatch(/^pwt_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/)
    const records = await loadTokens(storage, DEV.catalog)
    expect(records.map((r) => r.principal).sort()).toEqual(['admin', 'data_analysts'])
    expect(JSON.stringify(records)).not.toContain(a.token.slice(17))
    expect(records.find((r) => r.principal === 'data_analysts')?.expiresAt).toBe(
      '2025-02-01T00:00:00.000Z',
    )
    expect(verifyToken(records, a.token, now)).toEqual({
      principal: 'data_analysts',
      tokenId: a.record.tokenId,
    })
    expect(verifyToken(records, `${a.token.slice(0, -1)}x`, now)).toEqual({ rejected: 'unknown' })
    expect(verifyToken(records, 'Bearer nonsense', now)).toEqual({ rejected: 'malformed' })
    expect(verifyToken(records, b.token, new Date('2025-01-03T00:00:00Z'))).toEqual({
      rejected: 'expired',
    })
    expect(await revokeToken(storage, DEV.catalog, a.record.tokenId, now)).toBe(true)
    expect(await revokeToken(storage, DEV.catalog, a.record.tokenId, now)).toBe(false)
    const after = await loadTokens(storage, DEV.catalog)
    expect(verifyToken(after, a.token, now)).toEqual({ rejected: 'revoked' })
    expect(verifyToken(after, b.token, now)).toEqual({
      principal: 'admin',
      tokenId: b.record.tokenId,
    })
  })
})
