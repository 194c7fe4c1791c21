/**
 * @module lake/read/deletion-vectors
 * Loads a deletion vector (PROTOCOL.md "Deletion Vectors"): inline (`i`, Z85 of the bitmap),
 * relative (`u`, `<prefix>/deletion_vector_<uuid>.bin` under the table root) or absolute (`p`).
 * A DV file holds a version byte, then per DV at `offset`: `int32 BE` size, the bitmap, a CRC-32.
 */
import { readFile } from 'node:fs/promises'
import type { DeletionVectorDescriptor } from '../protocol/actions.js'
import { normalizePath } from '../protocol/paths.js'
import { InvalidLogError } from '../lake-errors.js'
import type { ObjectStore } from '../store/object-store.js'
import { decodeDvBitmap } from './roaring.js'
import { uuidFromBytes, z85Decode } from './z85.js'

/** The path of a `u` DV file relative to the table root. */
export function dvRelativePath(pathOrInlineDv: string): string {
  const prefix = pathOrInlineDv.slice(0, -20)
  const uuid = uuidFromBytes(z85Decode(pathOrInlineDv.slice(-20)))
  const name = `deletion_vector_${uuid}.bin`
  return prefix === '' ? name : `${prefix}/${name}`
}

/**
 * Reads the deleted row indexes of a DV, ascending.
 * @param readAbsolute reads a file by absolute path (for `p` DVs); defaults to the local disk.
 */
export async function loadDeletionVector(
  store: ObjectStore,
  dv: DeletionVectorDescriptor,
  readAbsolute?: (path: string) => Promise<Uint8Array>,
): Promise<number[]> {
  let rows: number[]
  if (dv.storageType === 'i') {
    rows = decodeDvBitmap(z85Decode(dv.pathOrInlineDv).subarray(0, dv.sizeInBytes))
  } else {
    const offset = dv.offset ?? 1
    let bytes: Uint8Array
    if (dv.storageType === 'u') {
      const rel = dvRelativePath(dv.pathOrInlineDv)
      bytes = await store.getRange(rel, offset, 4 + dv.sizeInBytes)
    } else if (dv.storageType === 'p') {
      const path = normalizePath(dv.pathOrInlineDv)
      if (!path.startsWith('/')) {
        throw new InvalidLogError(
          `absolute deletion vector path is not readable here: ${dv.pathOrInlineDv}`,
        )
      }
      const whole = await (readAbsolute ?? readFile)(path)
      bytes = whole.subarray(offset, offset + 4 + dv.sizeInBytes)
    } else {
      throw new InvalidLogError(`unknown deletion vector storage type '${String(dv.storageType)}'`)
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const size = view.getInt32(0, false)
    rows = decodeDvBitmap(bytes.subarray(4, 4 + size))
  }
  if (rows.length !== dv.cardinality) {
    throw new InvalidLogError(
      `deletion vector ${dv.storageType}${dv.pathOrInlineDv} holds ${rows.length} rows, its descriptor says ${dv.cardinality}`,
    )
  }
  return rows
}
