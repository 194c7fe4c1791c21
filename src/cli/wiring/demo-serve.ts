/**
 * @module cli/wiring/demo-serve
 * The demo's last step: serve its lakehouse with `pitwall serve`'s defaults and hand the user a
 * link that opens the race already signed in. The link carries a fresh token of the `admin`
 * group (the demo user sees everything, lineage from bronze included) that expires after
 * {@link DEMO_TOKEN_LIFETIME_MS}; the dashboard takes it from the URL's fragment (`#token=`),
 * which browsers never send to the server, and drops it from the address bar.
 */
import { createToken } from '../../catalog/index.js'
import type { CliContext } from '../context.js'
import { openAccessAdmin } from './access-admin.js'
import { SERVE_DEFAULTS } from '../commands/serve.js'
import { startServer, type RunningServer } from './serve-server.js'

/** How long the demo's sign-in token lives. */
export const DEMO_TOKEN_LIFETIME_MS = 12 * 3_600_000

/** The principal the demo signs in as: the default `admin` group (ALL PRIVILEGES). */
export const DEMO_PRINCIPAL = 'admin'

/** A serving demo. */
export interface DemoServer {
  readonly server: RunningServer
  /** The dashboard on the race, signed in: `<url>/sessions/<key>#token=<secret>`. */
  readonly dashboardUrl: string
  /** When the token in {@link dashboardUrl} expires (ISO 8601). */
  readonly expiresAt: string
}

/** Creates the demo's token, then serves `demo.home` on `port` (a string, as typed). */
export async function serveDemo(
  demo: CliContext,
  port: string,
  sessionKey: number | null,
): Promise<DemoServer> {
  const admin = await openAccessAdmin(demo)
  let token: string
  let expiresAt: string
  try {
    const now = new Date()
    const created = await createToken(admin.storage, admin.identityCatalog, {
      principal: DEMO_PRINCIPAL,
      expiresAt: new Date(now.getTime() + DEMO_TOKEN_LIFETIME_MS),
      comment: 'pitwall demo: the dashboard link',
      now,
    })
    token = created.token
    expiresAt = created.record.expiresAt
  } finally {
    await admin.close()
  }
  const server = await startServer(demo, { ...SERVE_DEFAULTS, port })
  const page = sessionKey === null ? '/' : `/sessions/${sessionKey}`
  return {
    server,
    dashboardUrl: `${server.url}${page}#token=${encodeURIComponent(token)}`,
    expiresAt,
  }
}
