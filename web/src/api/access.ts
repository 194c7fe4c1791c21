/**
 * @module web/api/access
 * What the signed-in principal may read, asked once after sign-in (`/api/me` and the default
 * catalog's schemas), so pages leave out what the token cannot read instead of showing errors:
 * an analyst (gold only) sees no weather, race control, runs or bronze tables.
 */
import type { Me } from '../../../src/serve/api-types.js'
import { get } from './client.js'

/** The principal and the layers it may read in the default catalog. */
export interface Access {
  readonly me: Me
  /** `bronze`, `silver`, `gold`, `system`. */
  readonly layers: ReadonlySet<string>
}

/** Reads the principal's access (throws ApiError 401 on a bad token). */
export async function loadAccess(): Promise<Access> {
  const me = await get('GET /api/me')
  const schemas = me.catalogs.includes(me.default_catalog)
    ? await get('GET /api/catalogs/{catalog}/schemas', { catalog: me.default_catalog })
    : { items: [] }
  return { me, layers: new Set(schemas.items.map((s) => s.layer)) }
}
