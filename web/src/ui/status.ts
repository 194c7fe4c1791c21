/**
 * @module web/ui/status
 * Loading, empty and error states, and a helper that loads a section of a page: the section is
 * left out when the principal may not read it (what a token cannot read is not shown).
 */
import { ApiError, isDenied } from '../api/client.js'
import { h, replace, type Child } from './dom.js'

/** A "loading…" line. */
export function loading(what = 'Loading…'): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, what)
}

/** A notice for an empty result. */
export function empty(text: string): HTMLElement {
  return h('p', { class: 'notice' }, text)
}

/** An error as a notice (the problem's detail, never a stack). */
export function failure(error: unknown): HTMLElement {
  const text =
    error instanceof ApiError
      ? `${error.message} (${error.code})`
      : error instanceof Error
        ? error.message
        : String(error)
  return h('p', { class: 'notice error', role: 'alert' }, text)
}

/** True for the abort of a page the user left. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/**
 * Fills `host` with what `build` returns once its data is there; removes `host` (or the panel
 * it is in) when the principal may not read the data; shows the error otherwise.
 */
export async function section(
  host: HTMLElement,
  build: () => Promise<Child>,
  label = 'Loading…',
): Promise<void> {
  replace(host, loading(label))
  try {
    replace(host, await build())
  } catch (error) {
    if (isAbort(error)) return
    // What the principal may not read is left out, heading and all.
    if (isDenied(error)) (host.closest('.panel') ?? host).remove()
    else replace(host, failure(error))
  }
}
