import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { OpenF1AuthError } from '../openf1-errors.js'
import { startReplayServer } from '../replay/replay-server.js'
import { FakeClock } from './clock.js'
import { credentialsFromEnv, TokenProvider, tokenUrlFor } from './token-provider.js'

describe('TokenProvider', () => {
  it('reuses a token within its hour and fetches a new one 5 minutes before it ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pitwall-token-'))
    const credentials = { username: 'ana', password: 's3cret' }
    const server = await startReplayServer({ dataDir: dir, credentials })
    try {
      const clock = new FakeClock(0)
      const tokens = new TokenProvider(credentials, tokenUrlFor(server.url), clock)
      const first = await tokens.get()
      await clock.advance(54 * 60_000)
      expect(await tokens.get()).toBe(first)
      await clock.advance(2 * 60_000)
      const second = await tokens.get()
      expect(second).not.toBe(first)
      const wrong = new TokenProvider(
        { username: 'ana', password: 'nope' },
        tokenUrlFor(server.url),
        clock,
      )
      const error = await wrong.get().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OpenF1AuthError)
      expect(JSON.stringify((error as OpenF1AuthError).toJSON())).not.toContain('nope')
    } finally {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('reads credentials only when both variables are set, and finds /token from the base URL', () => {
    expect(credentialsFromEnv({ OPENF1_USERNAME: 'a' })).toBeUndefined()
    expect(credentialsFromEnv({ OPENF1_USERNAME: 'a', OPENF1_PASSWORD: 'b' })).toEqual({
      username: 'a',
      password: 'b',
    })
    expect(tokenUrlFor('https://api.openf1.org/v1')).toBe('https://api.openf1.org/token')
  })
})
