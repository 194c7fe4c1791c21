/**
 * @module transform/project/paths
 * Finding a project's files by folder and extension, and dbt's naming of nodes from their paths.
 */
import type { ProjectFiles } from './types.js'

/** A file under one of `dirs` (POSIX paths relative to the project). */
export interface FoundFile {
  /** Path relative to the project (`models/silver/silver_laps.sql`). */
  readonly file: string
  /** Path relative to the resource folder (`silver/silver_laps.sql`). */
  readonly relative: string
  /** The resource folder it was found under (`models`). */
  readonly root: string
  readonly text: string
}

/** Files under any of `dirs` whose names end with one of `exts`, sorted by path. */
export function filesUnder(
  files: ProjectFiles,
  dirs: readonly string[],
  exts: readonly string[],
): FoundFile[] {
  const out: FoundFile[] = []
  for (const dir of dirs) {
    const root = trimSlashes(dir)
    const prefix = root === '' || root === '.' ? '' : `${root}/`
    for (const [file, text] of Object.entries(files)) {
      const norm = file.replaceAll('\\', '/')
      if (!norm.startsWith(prefix)) continue
      if (!exts.some((e) => norm.endsWith(e))) continue
      out.push({ file: norm, relative: norm.slice(prefix.length), root, text })
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file))
}

/** The file name without folder and extension. */
export function baseName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(0, dot) : name
}

/** The folders of a relative path (`silver/x.sql` → `['silver']`). */
export function folders(relative: string): string[] {
  const parts = relative.split('/')
  return parts.slice(0, -1).filter((p) => p !== '')
}

function trimSlashes(s: string): string {
  return s.replace(/^\.?\/+/, '').replace(/\/+$/, '')
}
