/**
 * @module web/main
 * The dashboard's shell: signs in (a stored token, or one passed in the URL fragment), learns
 * what the principal may read, draws the top navigation and renders the page of the URL. Pages
 * are loaded on demand; leaving a page aborts its requests and disposes its charts.
 */
import './styles.css'
import { loadAccess, type Access } from './api/access.js'
import { setToken, takeTokenFromFragment, token } from './api/auth.js'
import { ApiError, handleUnauthorized } from './api/client.js'
import { findRoute, listen, navigate, type PageContext } from './router.js'
import { NAV, ROUTES } from './routes.js'
import { h, replace } from './ui/dom.js'
import { failure, isAbort, loading } from './ui/status.js'
import { toggleTheme } from './ui/theme.js'

const main = document.getElementById('main') as HTMLElement
const nav = document.querySelector('.top-nav') as HTMLElement
const who = document.querySelector('.who') as HTMLElement

let access: Access | undefined
let leave: (() => void)[] = []
let controller = new AbortController()
let renderId = 0

function drawNav(section: string | undefined): void {
  if (access === undefined) {
    replace(nav)
    return
  }
  const layers = access.layers
  replace(
    nav,
    NAV.filter((n) => n.needs === undefined || layers.has(n.needs)).map((n) =>
      h('a', { href: n.href, 'aria-current': n.section === section ? 'page' : null }, n.label),
    ),
  )
}

function drawWho(): void {
  if (access === undefined) {
    replace(who)
    return
  }
  replace(
    who,
    h('span', { title: `groups: ${access.me.groups.join(', ') || 'none'}` }, access.me.principal),
    ' ',
    h('button', { type: 'button', onclick: signOut }, 'Sign out'),
  )
}

function signOut(): void {
  setToken(null)
  access = undefined
  drawWho()
  navigate('/sign-in')
}

async function signInPage(): Promise<void> {
  drawNav(undefined)
  const { renderSignIn } = await import('./pages/sign-in.js')
  renderSignIn(main, async () => {
    access = await loadAccess()
    drawWho()
    const next = new URLSearchParams(location.search).get('next')
    navigate(next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/', true)
  })
}

async function render(): Promise<void> {
  const id = ++renderId
  for (const fn of leave) fn()
  leave = []
  controller.abort()
  controller = new AbortController()
  const path = location.pathname
  if (path === '/sign-in' || token() === null) {
    if (path !== '/sign-in') {
      navigate(`/sign-in?next=${encodeURIComponent(path + location.search)}`, true)
      return
    }
    document.title = 'Sign in · pitwall'
    await signInPage()
    return
  }
  if (access === undefined) {
    replace(main, loading('Signing in…'))
    try {
      access = await loadAccess()
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return
      replace(main, failure(error))
      return
    }
    drawWho()
  }
  const found = findRoute(ROUTES, path)
  if (found === undefined) {
    drawNav(undefined)
    replace(main, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '/' }, 'Back to seasons')))
    return
  }
  drawNav(found.route.section)
  document.title = `${found.route.title} · pitwall`
  replace(main, loading())
  const ctx: PageContext = {
    root: main,
    params: found.params,
    query: new URLSearchParams(location.search),
    access,
    signal: controller.signal,
    onLeave: (fn) => leave.push(fn),
  }
  try {
    const page = await found.route.load()
    if (id !== renderId) return
    replace(main)
    await page.render(ctx)
  } catch (error) {
    if (id !== renderId || isAbort(error)) return
    replace(main, failure(error))
  }
}

handleUnauthorized(() => {
  setToken(null)
  access = undefined
  drawWho()
  if (location.pathname !== '/sign-in')
    navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`, true)
})
document.querySelector('.theme-toggle')?.addEventListener('click', () => {
  toggleTheme()
})
// Charts take their colours when drawn: draw the page again in the new theme.
window.addEventListener('pitwall:theme', () => void render())
takeTokenFromFragment()
listen(() => {
  // Keyboard and screen-reader users land on the new page's content, not on the old link.
  void render().then(() => main.focus({ preventScroll: true }))
})
void render()
