/**
 * @module web/ui/dom
 * A tiny element builder: `h('a', { href: '/x' }, 'text')`. Children are nodes or strings
 * (strings become text nodes, so data from the API is never parsed as HTML).
 */

/** A child of {@link h}: nodes, text, or nothing. */
export type Child = Node | string | number | null | undefined | false | readonly Child[]

/** Attributes of {@link h}: `on…` functions become listeners, `true` an empty attribute. */
export type Attrs = Readonly<
  Record<string, string | number | boolean | null | undefined | EventListener>
>

/** Creates an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  setAttrs(el, attrs)
  append(el, children)
  return el
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/** Creates an SVG element. */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag)
  setAttrs(el, attrs)
  append(el, children)
  return el
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue
    if (typeof value === 'function') el.addEventListener(name.slice(2), value)
    else el.setAttribute(name, value === true ? '' : String(value))
  }
}

/** Appends children (flattening arrays, skipping empty ones). */
export function append(el: Element, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    if (Array.isArray(child)) append(el, child as readonly Child[])
    else if (child instanceof Node) el.appendChild(child)
    else el.appendChild(document.createTextNode(String(child)))
  }
}

/** Appends children given one by one (nulls skipped). */
export function put(el: Element, ...children: Child[]): void {
  append(el, children)
}

/** Replaces an element's children. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren()
  append(el, children)
}

/** A panel with a heading. */
export function panel(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'panel', 'aria-label': title }, h('h2', {}, title), ...children)
}
