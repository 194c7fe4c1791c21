/**
 * @module engine/databricks/volume-files
 * Uploads landing files to a Unity Catalog volume with the Files API
 * (`PUT /api/2.0/fs/files/Volumes/<catalog>/<schema>/<volume>/<path>?overwrite=false`), the first
 * half of bronze on Databricks (the second is `COPY INTO`, `statements.ts`). A file that is
 * already there (409) counts as uploaded: landing names carry the session and the extraction time,
 * so the same name is the same content, and re-running an upload is a no-op. Auth: a token, or an
 * OAuth M2M token fetched from the workspace's `/oidc/v1/token` with the client id and secret.
 */
import { EngineError } from '../engine-errors.js'
import type { DatabricksConnection } from './driver.js'

/** Where the Files API is and how to call it (`fetch` and `baseUrl` are replaceable in tests). */
export interface FilesApiOptions {
  readonly connection: DatabricksConnection
  /** Default `https://<host>`. */
  readonly baseUrl?: string
  readonly fetch?: typeof fetch
}

/** What an upload did. */
export interface UploadOutcome {
  readonly path: string
  readonly status: 'uploaded' | 'already-there'
}

/** A Files API call failed. */
export class FilesApiError extends EngineError {
  constructor(message: string, status: number) {
    super('databricks-files-api', message, {
      context: { status },
      hint:
        status === 401 || status === 403
          ? 'check the token (or the service principal) and its WRITE VOLUME privilege'
          : 'check the volume exists (CREATE VOLUME) and the workspace host',
    })
  }
}

/** The `/Volumes/…` path of a file in a volume. */
export function volumePath(catalog: string, schema: string, volume: string, file: string): string {
  const parts = [catalog, schema, volume, ...file.split('/').filter((p) => p !== '')]
  return `/Volumes/${parts.map(encodeURIComponent).join('/')}`
}

/** Uploads `files` (volume path → bytes) one after another; never overwrites. */
export async function uploadToVolume(
  options: FilesApiOptions,
  files: readonly { readonly path: string; readonly data: Uint8Array }[],
): Promise<UploadOutcome[]> {
  const doFetch = options.fetch ?? fetch
  const base = options.baseUrl ?? `https://${options.connection.host.replace(/^https?:\/\//, '')}`
  const token = await bearerToken(options, doFetch, base)
  const out: UploadOutcome[] = []
  for (const f of files) {
    const res = await doFetch(`${base}/api/2.0/fs/files${f.path}?overwrite=false`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: f.data,
    })
    await res.arrayBuffer().catch(() => undefined)
    if (res.status === 409) out.push({ path: f.path, status: 'already-there' })
    else if (res.ok) out.push({ path: f.path, status: 'uploaded' })
    else throw new FilesApiError(`uploading ${f.path} failed: HTTP ${res.status}`, res.status)
  }
  return out
}

async function bearerToken(
  options: FilesApiOptions,
  doFetch: typeof fetch,
  base: string,
): Promise<string> {
  const c = options.connection
  if (c.token !== undefined && c.token !== '') return c.token
  if (c.oauthClientId === undefined || c.oauthClientSecret === undefined) {
    throw new FilesApiError('no Databricks credentials for the Files API', 401)
  }
  const res = await doFetch(`${base}/oidc/v1/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${c.oauthClientId}:${c.oauthClientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials&scope=all-apis',
  })
  if (!res.ok) throw new FilesApiError(`OAuth token request failed: HTTP ${res.status}`, res.status)
  const body = (await res.json()) as { access_token?: string }
  if (body.access_token === undefined) throw new FilesApiError('OAuth answer has no token', 502)
  return body.access_token
}
