/**
 * @module web/pages/sign-in
 * Sign in with a bearer token (`pitwall tokens create --principal <name>`). The token is
 * checked against `/api/me` before it is kept.
 */
import { setToken } from '../api/auth.js'
import { h, replace } from '../ui/dom.js'
import { failure } from '../ui/status.js'

/** Renders the sign-in form; `done` runs once a token is accepted. */
export function renderSignIn(root: HTMLElement, done: () => Promise<void>): void {
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    placeholder: 'pw_…',
    'aria-describedby': 'token-help',
  })
  const message = h('div', { 'aria-live': 'polite' })
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in')
  const form = h(
    'form',
    { class: 'panel signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in to pitwall'),
    h(
      'p',
      { id: 'token-help', class: 'sub' },
      'Paste an API token. Create one with ',
      h('code', {}, 'npx pitwall tokens create --principal data_analysts'),
      ' (or admin, data_engineers). What your principal may not read is not shown.',
    ),
    h(
      'p',
      { class: 'sub' },
      'Watching the demo race (npm start)? Its lakehouse is lakehouse/demo: ',
      h('code', {}, 'npx pitwall --home lakehouse/demo tokens create --principal admin'),
    ),
    h('p', {}, h('label', { for: 'token' }, 'Token'), h('br'), input),
    h('p', {}, submit),
    message,
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const value = input.value.trim()
    if (value === '') return
    submit.disabled = true
    setToken(value)
    done().catch((error: unknown) => {
      setToken(null)
      submit.disabled = false
      replace(message, failure(error))
      input.focus()
    })
  })
  replace(root, form)
  input.focus()
}
