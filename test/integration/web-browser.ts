/**
 * Debian's Chromium driven by playwright-core, for the dashboard tests: a headless browser
 * (the flags CI needs: no sandbox as root, no GPU, no background traffic), pages that record
 * every console error, uncaught exception and failed request, and full-page screenshots saved
 * under `.tmp/screenshots/` (git-ignored) as the tests' artifacts.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { REPO_ROOT } from '../helpers/cli.js'

/** Where screenshots go. */
export const SCREENSHOTS = join(REPO_ROOT, '.tmp', 'screenshots')

/** The browser Debian installs (`apt-get install chromium`; `.ci/apt-packages`). */
export const CHROMIUM = process.env['PITWALL_CHROMIUM'] ?? '/usr/bin/chromium'

/** Launches headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** A page that records what went wrong in it. */
export interface WatchedPage {
  readonly page: Page
  readonly context: BrowserContext
  /** Console errors, uncaught exceptions and failed requests, in order. */
  readonly problems: string[]
  /** Saves a full-page screenshot as `<name>.png`; returns its path. */
  shot(name: string): Promise<string>
}

/** Opens a page at `width`×`height` (token put in local storage before any script runs). */
export async function openPage(
  browser: Browser,
  options: { baseUrl: string; token?: string; width?: number; height?: number; theme?: string },
): Promise<WatchedPage> {
  const context = await browser.newContext({
    baseURL: options.baseUrl,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    acceptDownloads: true,
  })
  // Runs in the page before its scripts (a string: this file is not compiled for the DOM).
  const stored = { 'pitwall.token': options.token, 'pitwall.theme': options.theme }
  await context.addInitScript(
    Object.entries(stored)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `localStorage.setItem(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
      .join('\n'),
  )
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`))
  page.on('requestfailed', (r) => {
    // A request the page itself cancelled on navigation is not a failure.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`request: ${r.url()} ${r.failure()?.errorText}`)
  })
  mkdirSync(SCREENSHOTS, { recursive: true })
  return {
    page,
    context,
    problems,
    async shot(name) {
      const path = join(SCREENSHOTS, `${name}.png`)
      await page.screenshot({ path, fullPage: true })
      return path
    },
  }
}
