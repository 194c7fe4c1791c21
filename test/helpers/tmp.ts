/**
 * Temporary directories for tests: always removed, even when the test fails.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Runs `fn` with a fresh temp dir and removes it afterwards. */
export async function withTmpDir<T>(
  fn: (dir: string) => Promise<T> | T,
  prefix = 'pitwall-',
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  try {
    return await fn(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Copies `src` (a file or folder, e.g. a shared Delta table) into a new temp dir and returns the copy's path. */
export function copyToTemp(src: string, name = 'copy'): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pitwall-copy-'))
  const path = join(dir, name)
  cpSync(src, path, { recursive: true })
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
