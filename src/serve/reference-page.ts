/**
 * @module serve/reference-page
 * The rendered API reference at `/api/docs`: a self-contained HTML page built from the OpenAPI
 * document (no CDN, no script: the server is often offline), listing every operation with its
 * parameters, body and responses, grouped by tag.
 */

interface Operation {
  readonly summary?: string
  readonly description?: string
  readonly tags?: readonly string[]
  readonly security?: readonly unknown[]
  readonly parameters?: readonly {
    readonly name: string
    readonly in: string
    readonly required?: boolean
    readonly description?: string
    readonly schema?: {
      readonly type?: string | readonly string[]
      readonly enum?: readonly unknown[]
    }
  }[]
  readonly requestBody?: {
    readonly content?: Readonly<Record<string, { readonly schema?: { readonly $ref?: string } }>>
  }
  readonly responses?: Readonly<
    Record<
      string,
      {
        readonly description?: string
        readonly content?: Readonly<
          Record<string, { readonly schema?: { readonly $ref?: string } }>
        >
      }
    >
  >
}

/** The subset of an OpenAPI document the page shows. */
export interface OpenApiDocument {
  readonly info: { readonly title: string; readonly version: string; readonly description?: string }
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>
}

const escape = (value: unknown): string =>
  (Array.isArray(value) ? value.join(' | ') : String(value)).replace(
    /[&<>"']/g,
    (ch) => `&#${ch.charCodeAt(0)};`,
  )

const ref = (schema?: { readonly $ref?: string }): string =>
  schema?.$ref === undefined ? '' : escape(schema.$ref.split('/').at(-1) ?? '')

/** The HTML reference of `doc`. */
export function renderReference(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>()
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'other'
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<li><code>${escape(p.name)}</code> <small>(${escape(p.in)}${p.required === true ? ', required' : ''}${p.schema?.type === undefined ? '' : `, ${escape(p.schema.type)}`})</small>${p.description === undefined ? '' : ` — ${escape(p.description)}`}</li>`,
        )
        .join('')
      const body = Object.entries(op.requestBody?.content ?? {})
        .map(([type, c]) => `<li>body <code>${escape(type)}</code> ${ref(c.schema)}</li>`)
        .join('')
      const responses = Object.entries(op.responses ?? {})
        .map(
          ([status, r]) =>
            `<li><b>${escape(status)}</b> ${escape(r.description ?? '')} ${Object.entries(
              r.content ?? {},
            )
              .map(([type, c]) => `<code>${escape(type)}</code> ${ref(c.schema)}`)
              .join(', ')}</li>`,
        )
        .join('')
      const auth =
        op.security === undefined || op.security.length === 0 ? ' <small>(no token)</small>' : ''
      const html = `<section><h3><span class="m">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code>${auth}</h3>
<p>${escape(op.summary ?? '')}</p>${op.description === undefined ? '' : `<p>${escape(op.description)}</p>`}
<ul>${params}${body}</ul><ul class="r">${responses}</ul></section>`
      byTag.set(tag, [...(byTag.get(tag) ?? []), html])
    }
  }
  const sections = [...byTag]
    .map(([tag, ops]) => `<h2 id="${escape(tag)}">${escape(tag)}</h2>${ops.join('\n')}`)
    .join('\n')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)} ${escape(doc.info.version)} — API reference</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b1f24;background:#fff}
@media (prefers-color-scheme:dark){body{color:#e6e6e6;background:#15181c}code{background:#252a31}}
code{background:#f0f2f4;padding:0 .25em;border-radius:3px}section{border-top:1px solid #8884;padding:.5rem 0}
.m{display:inline-block;min-width:3.5em;font-weight:700}.r{opacity:.85}small{opacity:.7}</style></head>
<body><h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>${escape(doc.info.description ?? '')}</p><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
${sections}</body></html>`
}
