/**
 * @module transform/artifacts/artifact-files
 * Files that must survive a crash or a concurrent writer (issue 11): artifacts (`manifest.json`,
 * `run_results.json`, …), build records and view definitions are written to a temporary file in
 * the same folder and renamed over the old one, so a reader sees the old file or the new one,
 * never half of one. A file that cannot be read back (torn by an older version, edited by hand)
 * is treated as absent, with a warning, instead of stopping every later command.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Writes `text` to `file` atomically (temp file + fsync + rename); creates the folder. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = dirname(file)
  await mkdir(dir, { recursive: true })
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    const handle = await open(temp, 'w')
    try {
      await handle.writeFile(text)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** Writes `value` as pretty JSON (what dbt's artifacts look like) to `file`, atomically. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`)
}

/**
 * Reads a JSON file: undefined when it does not exist; also undefined — after calling `warn` with
 * a sentence naming the file — when it exists but is not valid JSON.
 */
export async function readJsonFile(
  file: string,
  warn: (message: string) => void,
): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    warn(`cannot read ${file} (${(error as Error).message}); treating it as absent`)
    return undefined
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    warn(
      `${file} is not valid JSON (${(error as Error).message}; a crash or a concurrent run may have torn it); treating it as absent — the next run rewrites it`,
    )
    return undefined
  }
}
