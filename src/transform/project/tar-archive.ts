/**
 * @module transform/project/tar-archive
 * Reads a tar archive (POSIX ustar, with pax and GNU long names) into its entries, for the
 * `tarball:` packages `pitwall deps` installs. Pure: the caller reads the file and un-gzips it.
 * Links, devices and other special entries are skipped (a dbt package holds files and folders).
 */

/** One file or folder of an archive. */
export interface TarEntry {
  /** The path inside the archive, `/`-separated, without a leading `./`. */
  readonly path: string
  readonly type: 'file' | 'dir'
  /** The file's bytes (empty for a folder). */
  readonly data: Uint8Array
}

const BLOCK = 512

/** The entries of the tar archive `bytes`; throws `Error` when it is not a tar archive. */
export function readTar(bytes: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = []
  let offset = 0
  let longName: string | undefined
  let paxPath: string | undefined
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK)
    if (header.every((b) => b === 0)) break // two zero blocks end the archive
    if (!checksumOk(header)) throw new Error(`not a tar archive (bad header at byte ${offset})`)
    const size = parseOctal(header.subarray(124, 136))
    const type = String.fromCharCode(header[156] ?? 0)
    const data = bytes.subarray(offset + BLOCK, offset + BLOCK + size)
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK
    if (type === 'L') {
      longName = text(data)
      continue
    }
    if (type === 'x') {
      paxPath = paxRecords(data)['path'] ?? paxPath
      continue
    }
    if (type === 'g') continue // global pax header: nothing a package needs
    const prefix = text(header.subarray(345, 500))
    const name = text(header.subarray(0, 100))
    const path = normalise(paxPath ?? longName ?? (prefix === '' ? name : `${prefix}/${name}`))
    longName = undefined
    paxPath = undefined
    if (path === '') continue
    if (type === '0' || type === '\0' || type === '7') entries.push({ path, type: 'file', data })
    else if (type === '5') entries.push({ path, type: 'dir', data: new Uint8Array() })
  }
  return entries
}

/** The folder every entry lives in (`dbt-utils-1.3.0` of a GitHub tarball), or '' if none. */
export function commonRoot(entries: readonly TarEntry[]): string {
  let root: string | undefined
  for (const e of entries) {
    const first = e.path.split('/')[0]!
    const isOnlyDir = e.type === 'dir' && !e.path.includes('/')
    if (!e.path.includes('/') && !isOnlyDir) return ''
    if (root === undefined) root = first
    else if (root !== first) return ''
  }
  return root ?? ''
}

function checksumOk(header: Uint8Array): boolean {
  const stored = parseOctal(header.subarray(148, 156))
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!
  return sum === stored
}

function parseOctal(field: Uint8Array): number {
  const s = text(field).trim()
  return s === '' ? 0 : parseInt(s, 8)
}

function text(field: Uint8Array): string {
  const end = field.indexOf(0)
  return new TextDecoder().decode(end === -1 ? field : field.subarray(0, end))
}

/** pax records: `<len> <key>=<value>\n` each. */
function paxRecords(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of new TextDecoder().decode(data).split('\n')) {
    const m = /^\d+ ([^=]+)=(.*)$/.exec(line)
    if (m !== null) out[m[1]!] = m[2]!
  }
  return out
}

/** `./a/b/` → `a/b`; a path that climbs out (`..`) or is absolute is refused. */
function normalise(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.')
  if (path.startsWith('/') || parts.includes('..'))
    throw new Error(`unsafe path in tar archive: ${path}`)
  return parts.join('/')
}
