/**
 * @module web/router
 * Client-side routes with real URLs (deep links, back/forward, new tabs): each route names a
 * page module loaded on first visit, so the first page does not carry the charts. Same-origin
 * `<a href>` clicks are taken over; everything else is a normal link.
 */
import type { Access } from './api/access.js'

/** What a page gets. */
export interface PageContext {
  /** Where the page renders (emptied before). */
  readonly root: HTMLElement
  /** Named parts of the path. */
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly access: Access
  /** Aborted when the user navigates away (pass it to fetches). */
  readonly signal: AbortSignal
  /** Runs when the page is left (dispose charts, listeners). */
  onLeave(fn: () => void): void
}

/** A page module: renders into `ctx.root`. */
export interface PageModule {
  render(ctx: PageContext): Promise<void> | void
}

/** A route: a path pattern (`/sessions/:key`), the top-nav entry it belongs to, its module. */
export interface Route {
  readonly pattern: string
  readonly section: string
  readonly title: string
  readonly load: () => Promise<PageModule>
}

/** Matches a path against a pattern; the named parts, or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean)
  const got = path.split('/').filter(Boolean)
  if (want.length !== got.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? ''
    const g = got[i] ?? ''
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(g)
    else if (w !== g) return undefined
  }
  return params
}

/** Finds the route of a path. */
export function findRoute(
  routes: readonly Route[],
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    const params = matchPath(route.pattern, path)
    if (params !== undefined) return { route, params }
  }
  return undefined
}

/** Navigates without a reload (pushes history unless `replace`). */
export function navigate(url: string, replace = false): void {
  if (replace) history.replaceState(null, '', url)
  else history.pushState(null, '', url)
  window.dispatchEvent(new Event('pitwall:navigate'))
}

/** Takes over same-origin link clicks and back/forward; calls `onChange` for each. */
export function listen(onChange: () => void): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    const a = (event.target as Element | null)?.closest?.('a')
    if (!a || a.target || a.hasAttribute('download')) return
    const href = a.getAttribute('href')
    if (href === null || href.startsWith('#') || a.origin !== location.origin) return
    if (a.pathname.startsWith('/api/')) return
    event.preventDefault()
    if (a.pathname + a.search !== location.pathname + location.search)
      navigate(a.pathname + a.search)
  })
  window.addEventListener('popstate', onChange)
  window.addEventListener('pitwall:navigate', onChange)
}
