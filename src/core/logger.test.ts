import { describe, expect, it } from 'vitest'
import { createLogger } from './logger.js'

function capture(format: 'human' | 'json', level: 'debug' | 'info' | 'warn' = 'info') {
  const lines: string[] = []
  const logger = createLogger({
    level,
    format,
    sink: { writeLine: (l) => lines.push(l) },
    now: () => new Date('2024-06-30T13:00:00.000Z'),
  })
  return { logger, lines }
}

describe('createLogger', () => {
  it('writes one JSON object per line in json format', () => {
    const { logger, lines } = capture('json')
    logger.child({ run: 'r1' }).info('loaded', { rows: 3 })
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { ts: '2024-06-30T13:00:00.000Z', level: 'info', msg: 'loaded', run: 'r1', rows: 3 },
    ])
  })

  it('drops records below the level', () => {
    const { logger, lines } = capture('human', 'warn')
    logger.info('hidden')
    logger.warn('shown', { table: 'bronze_laps' })
    expect(lines).toEqual(['13:00:00 warn  shown  table=bronze_laps'])
    expect(logger.enabled('info')).toBe(false)
    expect(logger.enabled('error')).toBe(true)
  })
})
