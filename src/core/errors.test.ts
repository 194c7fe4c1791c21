import { describe, expect, it } from 'vitest'
import { ConfigError, exitCodeFor, NotBuiltError, UsageError, WarehouseError } from './errors.js'
import { formatDiagnostic, makeDiagnostic } from './diagnostics.js'

describe('WarehouseError', () => {
  it('carries code, cause, context and hint into JSON', () => {
    const cause = new Error('disk full')
    const e = new WarehouseError('commit-failed', 'could not commit', {
      cause,
      context: { version: 3 },
      hint: 'free some space',
    })
    expect(e.cause).toBe(cause)
    expect(e.name).toBe('WarehouseError')
    expect(e.toJSON()).toEqual({
      name: 'WarehouseError',
      code: 'commit-failed',
      message: 'could not commit',
      hint: 'free some space',
      context: { version: 3 },
      cause: { name: 'Error', message: 'disk full' },
    })
  })

  it('maps usage, config and not-built errors to exit 2 and others to 1', () => {
    expect(exitCodeFor(new UsageError('x'))).toBe(2)
    expect(exitCodeFor(new ConfigError('x', []))).toBe(2)
    expect(exitCodeFor(new NotBuiltError('pitwall serve'))).toBe(2)
    expect(exitCodeFor(new WarehouseError('x', 'y'))).toBe(1)
    expect(exitCodeFor(new Error('bug'))).toBe(1)
  })
})

describe('formatDiagnostic', () => {
  it('prints file:line:col, severity, message and code', () => {
    const d = makeDiagnostic('file-not-found', { file: 'a.yml' }, 'cannot read a.yml', {
      file: 'a.yml',
      at: { line: 3, column: 7 },
    })
    expect(formatDiagnostic(d)).toBe('a.yml:3:7: error: cannot read a.yml [file-not-found]')
  })
})
