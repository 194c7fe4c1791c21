import { describe, expect, it } from 'vitest'
import { classifyLogFile, commitPath } from './log-files.js'

const meta = (name: string) => ({ path: `_delta_log/${name}`, size: 1, modified: 0 })

describe('classifyLogFile', () => {
  it('recognises commits and every checkpoint naming scheme', () => {
    expect(classifyLogFile(meta('00000000000000000007.json'))).toMatchObject({
      kind: 'commit',
      version: 7,
    })
    expect(classifyLogFile(meta('00000000000000000010.checkpoint.parquet'))).toMatchObject({
      kind: 'checkpoint',
      format: 'classic',
    })
    expect(
      classifyLogFile(meta('00000000000000000010.checkpoint.0000000002.0000000003.parquet')),
    ).toMatchObject({
      kind: 'checkpoint',
      format: 'multi-part',
      part: 2,
      parts: 3,
    })
    expect(
      classifyLogFile(
        meta('00000000000000000002.checkpoint.3a0d65cd-4056-49b8-937b-95f9e3ee90e5.json'),
      ),
    ).toMatchObject({ kind: 'checkpoint', format: 'uuid', fileType: 'json' })
    expect(
      classifyLogFile(meta('00000000000000000001.00000000000000000003.compacted.json')),
    ).toMatchObject({
      kind: 'compacted',
      endVersion: 3,
    })
  })

  it('ignores temp files, hints, sub-folders and Hadoop checksums', () => {
    for (const name of [
      '_last_checkpoint',
      '.00000000000000000001.json.crc',
      '00000000000000000001.json.tmp',
      '00000000000000000000.checkpoint.parquet.tmp123',
      '.tmp/00000000000000000005.json',
      '_sidecars/abc.parquet',
      '_staged_commits/00000000000000000001.uuid.json',
    ]) {
      expect(classifyLogFile(meta(name))).toBeUndefined()
    }
  })

  it('pads commit paths to 20 digits', () => {
    expect(commitPath(12)).toBe('_delta_log/00000000000000000012.json')
  })
})
