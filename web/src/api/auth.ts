/**
 * @module web/api/auth
 * The signed-in token. Kept in `localStorage` (so deep links in new tabs work) and never put in
 * a URL the server sees: a link may carry it in the fragment (`/#token=…`, as `pitwall demo`
 * prints), which is read once and removed from the address bar.
 */
const KEY = 'pitwall.token'

/** The current token, if any. */
export function currentToken(): string | null {
  try {
    // An empty value is no token (a cleared form, a hand-edited storage).
    return localStorage.getItem(KEY) || null
  } catch {
    return null
  }
}

/** Stores (or, with null, forgets) the token. */
export function setToken(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(KEY)
    else localStorage.setItem(KEY, token)
  } catch {
    // Storage may be disabled (private mode): the token then lives only in this page.
    memoryToken = token
  }
}

let memoryToken: string | null = null

/** The token from storage or from memory when storage is off. */
export function token(): string | null {
  return currentToken() ?? memoryToken
}

/** Takes a token from the URL fragment (`#token=…`), stores it and cleans the address bar. */
export function takeTokenFromFragment(): boolean {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash)
  if (match?.[1] === undefined) return false
  setToken(decodeURIComponent(match[1]))
  history.replaceState(history.state, '', location.pathname + location.search)
  return true
}
