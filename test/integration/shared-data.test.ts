import { readdirSync } from 'node:fs'
import { expect, it } from 'vitest'
import { describeShared, sharedPath } from '../helpers/shared-data.js'

describeShared('openf1/v1', 'the recorded OpenF1 data', () => {
  it('is found through the shared-data helper', () => {
    expect(readdirSync(sharedPath('openf1', 'v1'))).toContain('sessions.json')
  })
})

describeShared('delta-tables', 'the reference Delta tables', () => {
  it('are found through the shared-data helper', () => {
    expect(readdirSync(sharedPath('delta-tables'))).toContain('golden-kernel-rs')
  })
})
