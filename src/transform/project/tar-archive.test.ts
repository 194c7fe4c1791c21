import { describe, expect, it } from 'vitest'
import { commonRoot, readTar } from './tar-archive.js'

/** One ustar header + data, as tar writes it (checksum over the header with spaces in it). */
function entry(name: string, type: '0' | '5' | 'x' | 'L', data = '', prefix = ''): Uint8Array {
  const body = new TextEncoder().encode(data)
  const header = new Uint8Array(512)
  const put = (at: number, text: string) => header.set(new TextEncoder().encode(text), at)
  put(0, name)
  put(100, '0000644\0')
  put(124, `${body.length.toString(8).padStart(11, '0')}\0`)
  put(156, type)
  put(257, 'ustar\0')
  put(263, '00')
  put(345, prefix)
  header.fill(32, 148, 156)
  const sum = header.reduce((a, b) => a + b, 0)
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `)
  const padded = new Uint8Array(Math.ceil(body.length / 512) * 512)
  padded.set(body)
  return concat([header, padded])
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const END = new Uint8Array(1024)
const text = (d: Uint8Array) => new TextDecoder().decode(d)

describe('readTar', () => {
  it('reads folders and files with their bytes, ustar prefixes and ./ paths', () => {
    const tar = concat([
      entry('./pkg/', '5'),
      entry('./pkg/dbt_project.yml', '0', 'name: pkg\n'),
      entry('a.sql', '0', 'select 1', 'pkg/macros'),
      END,
    ])
    const entries = readTar(tar)
    expect(entries.map((e) => [e.path, e.type])).toEqual([
      ['pkg', 'dir'],
      ['pkg/dbt_project.yml', 'file'],
      ['pkg/macros/a.sql', 'file'],
    ])
    expect(text(entries[1]!.data)).toBe('name: pkg\n')
    expect(text(entries[2]!.data)).toBe('select 1')
    expect(commonRoot(entries)).toBe('pkg')
  })

  it('takes long names from GNU L entries and pax path records', () => {
    const long = `pkg/${'m'.repeat(120)}.sql`
    const pax = `${` path=pkg/pax.sql\n`.length + 2} path=pkg/pax.sql\n`
    const tar = concat([
      entry('././@LongLink', 'L', long),
      entry('short', '0', 'long body'),
      entry('PaxHeader', 'x', pax),
      entry('ignored', '0', 'pax body'),
      END,
    ])
    const entries = readTar(tar)
    expect(entries.map((e) => e.path)).toEqual([long, 'pkg/pax.sql'])
    expect(text(entries[1]!.data)).toBe('pax body')
  })

  it('has no common root when a file sits at the top or two folders do', () => {
    expect(commonRoot(readTar(concat([entry('dbt_project.yml', '0', 'x'), END])))).toBe('')
    expect(
      commonRoot(readTar(concat([entry('a/x.sql', '0', ''), entry('b/y.sql', '0', ''), END]))),
    ).toBe('')
  })

  it('refuses what is not a tar archive, and paths that climb out', () => {
    expect(() => readTar(new TextEncoder().encode('x'.repeat(1024)))).toThrow(/not a tar archive/)
    expect(() => readTar(concat([entry('../evil.sql', '0', 'x'), END]))).toThrow(/unsafe path/)
    expect(() => readTar(concat([entry('/etc/evil', '0', 'x'), END]))).toThrow(/unsafe path/)
  })
})
