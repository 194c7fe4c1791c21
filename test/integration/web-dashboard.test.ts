/**
 * Issue 14 "done when": the dashboard in a real browser (Debian's Chromium, playwright-core)
 * against a real `pitwall serve` on 127.0.0.1 over a warehouse built from session 9550 (the
 * recordings, extracted, loaded and built by the real CLI; one build shared by every case).
 * The leaderboard's first row is Alonso's 1:07.694, the track map draws a closed path, the
 * tyre strategy shows the recorded compounds, lineage shows bronze_laps → … →
 * session_leaderboard, the SQL editor returns rows, an analyst token sees no bronze (nor silver)
 * table, pages work at phone width and in both themes, and no page logs a console error. Each
 * page's screenshot is saved under `.tmp/screenshots/` (test artifacts, git-ignored).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { PITWALL_BIN, REPO_ROOT, pitwallEnv, runPitwall } from '../helpers/cli.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { launchChromium, openPage, type WatchedPage } from './web-browser.js'
import { buildWebWarehouse, SESSION, type WebWarehouse } from './web-fixture.js'

/** The recorded compounds of 9550 (`/stints`), as the API would have served them. */
function recordedCompounds(): string[] {
  const file = sharedPath('openf1', 'v1', 'stints', `session_key=${SESSION}.json.gz`)
  const stints = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as {
    compound: string | null
  }[]
  return [...new Set(stints.map((s) => s.compound).filter((c): c is string => c !== null))].sort()
}

/** A token for `principal`, made with `pitwall tokens create`. */
function tokenFor(home: string, principal: string): string {
  const r = runPitwall(['tokens', 'create', '--principal', principal, '--home', home, '--json'])
  if (r.code !== 0) throw new Error(`tokens create exited ${r.code}: ${r.stderr}`)
  return (JSON.parse(r.stdout) as { token: string }).token
}

/** Starts `pitwall serve --port 0`; resolves to the child and the URL it printed. */
async function serve(home: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [PITWALL_BIN, 'serve', '--home', home, '--port', '0', '--json'],
    { cwd: REPO_ROOT, env: pitwallEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  let err = ''
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const found = /"url":\s*"(http:\/\/[^"]+)"/.exec(out)
      if (found?.[1] !== undefined) resolve(found[1])
    })
    child.once('exit', (code) => reject(new Error(`pitwall serve exited ${code}: ${err}`)))
  })
  return { child, url }
}

/** The catalog page of the leaderboard table. */
const TABLE = '/warehouse/catalog/dev_f1_data_analytics/gold_analytics/session_leaderboard'

/** Waits for the page's data requests to end and its charts to draw (strings run in the page). */
async function settle(w: WatchedPage): Promise<void> {
  await w.page.waitForLoadState('networkidle')
  await w.page.waitForFunction("!document.querySelector('.loading')")
}

describeShared('openf1/v1', 'the dashboard in Chromium (session 9550)', () => {
  let warehouse: WebWarehouse
  let server: { child: ChildProcess; url: string }
  let browser: Browser
  let admin: WatchedPage
  let tokens: { admin: string; analyst: string }

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'web', 'dist', 'index.html'))) {
      const built = spawnSync('npm', ['run', '--silent', 'build:web'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      })
      if (built.status !== 0) throw new Error(`npm run build:web failed: ${built.stderr}`)
    }
    warehouse = await buildWebWarehouse()
    tokens = {
      admin: tokenFor(warehouse.home, 'admin'),
      analyst: tokenFor(warehouse.home, 'data_analysts'),
    }
    server = await serve(warehouse.home)
    browser = await launchChromium()
    admin = await openPage(browser, { baseUrl: server.url, token: tokens.admin, theme: 'dark' })
  }, 900_000)

  afterAll(async () => {
    await browser?.close()
    if (server?.child.exitCode === null) {
      const exited = new Promise((done) => server.child.once('exit', done))
      server.child.kill('SIGTERM')
      await exited
    }
    warehouse?.cleanup()
  })

  it('built the warehouse without a failing node', () => {
    const failed = warehouse.results.filter((r) => !['success', 'pass'].includes(r.status))
    expect(failed.map((r) => `${r.unique_id}: ${r.status}`)).toEqual([])
  })

  it("shows Alonso's 1:07.694 on the leaderboard's first row", async () => {
    await admin.page.goto(`/sessions/${SESSION}`)
    await settle(admin)
    const first = admin.page.locator('[data-testid=leaderboard] tbody tr').first()
    await expect.poll(() => first.getAttribute('data-driver')).toBe('14')
    const cells = await first.locator('td').allInnerTexts()
    expect(cells[0]).toBe('1')
    expect(cells[1]).toMatch(/ALO\s+Fernando Alonso/)
    expect(cells[3]).toBe('1:07.694')
    expect(await admin.page.locator('[data-testid=classification] tbody tr').count()).toBe(20)
    await admin.shot('session-overview')
    expect(admin.problems).toEqual([])
  })

  it('draws the track map as a closed path and compares two drivers', async () => {
    await admin.page.goto(`/sessions/${SESSION}/track?driver=14&a=14&b=63`)
    await settle(admin)
    const d = await admin.page.locator('[data-testid=track-path]').getAttribute('d')
    const points = [...(d ?? '').matchAll(/[ML]([\d.-]+) ([\d.-]+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ])
    expect(points.length).toBeGreaterThan(100)
    const xs = points.map((p) => p[0] ?? 0)
    const ys = points.map((p) => p[1] ?? 0)
    const size = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys))
    const [x0, y0] = points[0] ?? []
    const [x1, y1] = points.at(-1) ?? []
    // A lap ends where it started: the gap between the ends is small against the track's size.
    expect(Math.hypot((x1 ?? 0) - (x0 ?? 0), (y1 ?? 0) - (y0 ?? 0))).toBeLessThan(size * 0.05)
    expect(d?.trim().endsWith('Z')).toBe(true)
    expect(await admin.page.locator('[data-testid=speed-trace] canvas').count()).toBeGreaterThan(0)
    expect(await admin.page.locator('[data-testid=delta-trace] canvas').count()).toBeGreaterThan(0)
    await admin.shot('session-track')
    expect(admin.problems).toEqual([])
  })

  it('shows the recorded compounds in the tyre strategy', async () => {
    await admin.page.goto(`/sessions/${SESSION}/strategy`)
    await settle(admin)
    const shown = await admin.page
      .locator('[data-testid=compounds] [data-compound]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-compound') ?? ''))
    const recorded = recordedCompounds()
    expect(recorded.length).toBeGreaterThan(1)
    expect(shown.sort()).toEqual(recorded)
    expect(await admin.page.locator('[data-testid=strategy-chart] canvas').count()).toBe(1)
    await admin.shot('session-strategy')
    expect(admin.problems).toEqual([])
  })

  it('shows bronze_laps → … → session_leaderboard in the lineage', async () => {
    await admin.page.goto('/warehouse/lineage?focus=model.pitwall.session_leaderboard')
    await settle(admin)
    const paths = await admin.page.locator('[data-testid=lineage-paths] li').allInnerTexts()
    expect(paths).toContain('bronze_laps → silver_laps → fact_laps → session_leaderboard')
    for (const [from, to] of [
      ['source.pitwall.bronze.bronze_laps', 'model.pitwall.silver_laps'],
      ['model.pitwall.silver_laps', 'model.pitwall.fact_laps'],
      ['model.pitwall.fact_laps', 'model.pitwall.session_leaderboard'],
    ])
      expect(
        await admin.page.locator(`path.edge.on[data-from="${from}"][data-to="${to}"]`).count(),
      ).toBe(1)
    await admin.shot('warehouse-lineage')
    expect(admin.problems).toEqual([])
  })

  it('runs a query in the SQL editor and shows its rows', async () => {
    await admin.page.goto('/sql')
    await settle(admin)
    await admin.page
      .locator('[data-testid=sql-editor]')
      .fill(
        'select driver_number, fastest_lap_time from gold_analytics.session_leaderboard order by position limit 3',
      )
    await admin.page.locator('[data-testid=sql-run]').click()
    const rows = admin.page.locator('[data-testid=sql-result-table] tbody tr')
    await expect.poll(() => rows.count()).toBe(3)
    expect(await rows.first().locator('td').allInnerTexts()).toEqual(['14', '67.694'])
    expect(await admin.page.locator('[data-testid=sql-meta]').innerText()).toMatch(/^3 rows/)
    await admin.shot('sql')
    expect(admin.problems).toEqual([])
  })

  it('shows an analyst no bronze or silver table, and refuses its query on bronze', async () => {
    const analyst = await openPage(browser, { baseUrl: server.url, token: tokens.analyst })
    try {
      await analyst.page.goto('/warehouse/catalog')
      await settle(analyst)
      const tree = await analyst.page.locator('[data-testid=catalog-tree]').innerText()
      expect(tree).toContain('gold_analytics')
      expect(tree).not.toMatch(/bronze|silver/)
      const names = await analyst.page
        .locator('[data-testid=catalog-tables] tbody tr td:first-child')
        .allInnerTexts()
      expect(names.length).toBeGreaterThan(0)
      expect(names.every((n) => n.startsWith('gold_analytics.'))).toBe(true)
      expect(await analyst.page.locator('.top-nav').innerText()).not.toContain('Runs')
      await analyst.shot('analyst-catalog')

      await analyst.page.goto(`/sessions/${SESSION}`)
      await settle(analyst)
      expect(await analyst.page.locator('.tabs').innerText()).not.toContain('Race control')
      await analyst.page.goto(
        `/sql?q=${encodeURIComponent('select * from bronze_raw.bronze_laps limit 1')}`,
      )
      await settle(analyst)
      await expect
        .poll(() => analyst.page.locator('[data-testid=sql-results] [role=alert]').innerText())
        .toMatch(/data_analysts lacks USE SCHEMA .*bronze_raw.*\(access-denied\)/)
      await analyst.shot('analyst-sql-denied')
      // The refusal is the server's 403, which Chromium logs; nothing else may be logged.
      expect(analyst.problems.filter((p) => !/status of 403/.test(p))).toEqual([])
    } finally {
      await analyst.context.close()
    }
  })

  it('renders every other page without a console error (screenshots of each)', async () => {
    // Each page, its screenshot name, and what shows it has its data.
    const pages: [string, string, string][] = [
      ['/', 'pickers', '[data-testid=seasons] a'],
      [
        '/seasons/2024/meetings/1239',
        'pickers-meeting',
        `[data-testid=sessions] a[href="/sessions/${SESSION}"]`,
      ],
      [`/sessions/${SESSION}/laps`, 'session-laps', '[data-testid=lap-chart] canvas'],
      [`/sessions/${SESSION}/gaps`, 'session-gaps', '[data-testid=position-chart] canvas'],
      [`/sessions/${SESSION}/timeline`, 'session-timeline', '[data-testid=race-control] tbody tr'],
      [`/sessions/${SESSION}/drivers`, 'session-drivers', '[data-testid=teams] tbody tr'],
      [`/sessions/${SESSION}/drivers/14`, 'driver-14', '[data-testid=teammate-delta] tbody tr'],
      ['/warehouse/catalog', 'warehouse-catalog', '[data-testid=catalog-tables] tbody tr'],
      [`${TABLE}`, 'table', '[data-testid=columns] tbody tr'],
      [`${TABLE}?version=0`, 'table-version-0', '[data-testid=preview] tbody tr'],
      ['/warehouse/tests', 'warehouse-tests', '[data-testid=tests] tbody tr'],
      ['/warehouse/runs', 'warehouse-runs', 'main h1'],
      ['/warehouse/freshness', 'warehouse-freshness', 'main h1'],
    ]
    for (const [path, name, shows] of pages) {
      await admin.page.goto(path)
      await settle(admin)
      expect(await admin.page.locator('main [role=alert]').count(), path).toBe(0)
      expect(await admin.page.locator(shows).count(), `${path}: ${shows}`).toBeGreaterThan(0)
      await admin.shot(name)
    }
    expect(admin.problems).toEqual([])
  })

  it('works at phone width, in the light theme, from the keyboard', async () => {
    const phone = await openPage(browser, {
      baseUrl: server.url,
      token: tokens.admin,
      width: 390,
      height: 844,
      theme: 'light',
    })
    try {
      for (const [path, name] of [
        [`/sessions/${SESSION}`, 'phone-session'],
        [`/sessions/${SESSION}/strategy`, 'phone-strategy'],
        [`/sessions/${SESSION}/track`, 'phone-track'],
      ] as const) {
        await phone.page.goto(path)
        await settle(phone)
        // Nothing wider than the screen but the boxes that scroll on purpose (tables, lineage).
        const width = await phone.page.evaluate('document.documentElement.scrollWidth')
        expect(width, path).toBeLessThanOrEqual(390)
        await phone.shot(name)
      }
      expect(await phone.page.evaluate('document.documentElement.dataset.theme')).toBe('light')
      await phone.page.keyboard.press('Tab')
      expect(await phone.page.evaluate('document.activeElement?.textContent')).toBe(
        'Skip to content',
      )
      expect(phone.problems).toEqual([])
    } finally {
      await phone.context.close()
    }
  })
})
