/**
 * @module web/pages/warehouse/catalog-page
 * The catalog browser: catalogs → schemas → tables the principal may read (a tree of
 * disclosure widgets), and a table's page: description, columns with types, row count, files,
 * Delta version history, a preview of its rows at any version (time travel, `?version=`) and
 * exports. Unity Catalog's three-level names throughout.
 */
import type { SchemaInfo, TableDetail, TableSummary } from '../../../../src/serve/api-types.js'
import { apiPath } from '../../../../src/serve/api-types.js'
import { download, get, getAll } from '../../api/client.js'
import type { PageContext } from '../../router.js'
import { h, panel, put, replace } from '../../ui/dom.js'
import { bytes, instant, num } from '../../ui/format.js'
import { empty, failure, loading, section } from '../../ui/status.js'
import { dataTable } from '../../ui/table.js'
import { historyTable, previewTable } from './table-views.js'

const tableHref = (t: { catalog: string; schema: string; name: string }) =>
  `/warehouse/catalog/${encodeURIComponent(t.catalog)}/${encodeURIComponent(t.schema)}/${encodeURIComponent(t.name)}`

function schemaNode(ctx: PageContext, s: SchemaInfo, open: boolean, current?: string): HTMLElement {
  const list = h('ul', { class: 'pick' })
  const details = h(
    'details',
    { open },
    h(
      'summary',
      {},
      h('span', { class: `badge ${s.layer}` }, s.layer),
      ' ',
      s.name,
      h('span', { class: 'muted' }, ` (${s.tables})`),
    ),
    list,
  )
  let loaded = false
  const load = () => {
    if (loaded) return
    loaded = true
    void section(list, async () => {
      const tables = await getAll(
        'GET /api/catalogs/{catalog}/schemas/{schema}/tables',
        { catalog: s.catalog, schema: s.name },
        {},
        ctx.signal,
      )
      return tables.map((t) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: tableHref(t), 'aria-current': t.full_name === current ? 'true' : null },
            t.name,
          ),
        ),
      )
    })
  }
  details.addEventListener('toggle', () => details.open && load())
  if (open) load()
  return details
}

async function tree(
  ctx: PageContext,
  current: { catalog?: string; schema?: string; table?: string },
): Promise<HTMLElement> {
  const catalogs = (await get('GET /api/catalogs', {}, {}, ctx.signal)).items
  const full =
    current.table === undefined
      ? undefined
      : `${current.catalog}.${current.schema}.${current.table}`
  const nodes = await Promise.all(
    catalogs.map(async (c) => {
      const openCatalog = current.catalog === undefined ? c.is_default : current.catalog === c.name
      const schemas = (
        await get('GET /api/catalogs/{catalog}/schemas', { catalog: c.name }, {}, ctx.signal)
      ).items
      return h(
        'details',
        { open: openCatalog },
        h(
          'summary',
          {},
          h('strong', {}, c.name),
          h('span', { class: 'muted' }, ` ${c.target}${c.is_default ? ' · default' : ''}`),
        ),
        h(
          'div',
          { style: 'padding-left:12px' },
          schemas.map((s) =>
            schemaNode(
              ctx,
              s,
              openCatalog &&
                (current.schema === s.name || (current.schema === undefined && s.layer === 'gold')),
              full,
            ),
          ),
        ),
      )
    }),
  )
  return h('nav', { 'aria-label': 'Catalogs', 'data-testid': 'catalog-tree' }, nodes)
}

async function overview(ctx: PageContext): Promise<HTMLElement> {
  const me = ctx.access.me
  const schemas = (
    await get(
      'GET /api/catalogs/{catalog}/schemas',
      { catalog: me.default_catalog },
      {},
      ctx.signal,
    )
  ).items
  const tables: TableSummary[] = []
  for (const s of schemas)
    tables.push(
      ...(await getAll(
        'GET /api/catalogs/{catalog}/schemas/{schema}/tables',
        { catalog: s.catalog, schema: s.name },
        {},
        ctx.signal,
      )),
    )
  if (tables.length === 0) return empty('No tables you may read in this catalog.')
  return h(
    'div',
    {},
    h('p', { class: 'sub' }, `${tables.length} tables you may read in ${me.default_catalog}.`),
    dataTable(
      [
        {
          label: 'Table',
          value: (t) => t.full_name,
          cell: (t) => h('a', { href: tableHref(t) }, `${t.schema}.${t.name}`),
        },
        { label: 'Rows', value: (t) => t.num_rows, cell: (t) => num(t.num_rows), num: true },
        { label: 'Files', value: (t) => t.num_files, num: true },
        { label: 'Size', value: (t) => t.size_bytes, cell: (t) => bytes(t.size_bytes), num: true },
        { label: 'Version', value: (t) => t.version, num: true },
        {
          label: 'Last modified',
          value: (t) => t.last_modified,
          cell: (t) => instant(t.last_modified),
        },
        {
          label: 'Description',
          value: (t) => t.description,
          cell: (t) => h('span', { class: 'muted' }, (t.description ?? '').slice(0, 90)),
        },
      ],
      tables,
      { testid: 'catalog-tables' },
    ),
  )
}

function detailHeader(t: TableDetail): HTMLElement {
  const props = Object.entries(t.properties)
  return h(
    'div',
    {},
    h('h1', { class: 'mono', style: 'font-size:18px;word-break:break-all' }, t.full_name),
    h('p', { class: 'sub' }, t.description ?? 'No description.'),
    h(
      'div',
      { class: 'cards' },
      [
        ['Rows', num(t.num_rows)],
        ['Version', String(t.version)],
        ['Files', num(t.num_files)],
        ['Size', bytes(t.size_bytes)],
        ['Last modified', instant(t.last_modified)],
        ['Partitioned by', t.partition_columns.join(', ') || '—'],
        ['Built by', t.model ?? '—'],
        ['Protocol', `reader ${t.min_reader_version} · writer ${t.min_writer_version}`],
      ].map(([k, v]) =>
        h(
          'div',
          { class: 'card' },
          h('div', { class: 'k' }, k ?? ''),
          h('div', { class: 'v', style: 'font-size:14px;word-break:break-all' }, v ?? ''),
        ),
      ),
    ),
    props.length === 0
      ? null
      : h(
          'details',
          {},
          h('summary', {}, `Table properties (${props.length})`),
          h(
            'ul',
            { class: 'mono' },
            props.map(([k, v]) => h('li', {}, `${k} = ${v}`)),
          ),
        ),
  )
}

async function tablePage(
  ctx: PageContext,
  host: HTMLElement,
  c: string,
  s: string,
  name: string,
): Promise<void> {
  const params = { catalog: c, schema: s, table: name }
  const t = await get(
    'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}',
    params,
    {},
    ctx.signal,
  )
  const versionParam = ctx.query.get('version')
  const version = versionParam === null ? undefined : Number(versionParam)
  const preview = h('div')
  const historyHost = h('div')
  const exportButton = (format: 'csv' | 'parquet') =>
    h(
      'button',
      {
        type: 'button',
        onclick: (e: Event) => {
          const button = e.currentTarget as HTMLButtonElement
          button.disabled = true
          const path = apiPath(
            'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/export',
            params,
            { format, version },
          )
          download(path, `${t.name}${version === undefined ? '' : `_v${version}`}.${format}`)
            .catch((error: unknown) => preview.prepend(failure(error)))
            .finally(() => (button.disabled = false))
        },
      },
      `Export ${format.toUpperCase()}`,
    )
  replace(
    host,
    detailHeader(t),
    panel(
      'Columns',
      dataTable(
        [
          {
            label: 'Column',
            value: (col) => col.name,
            cell: (col) => h('span', { class: 'mono' }, col.name),
          },
          {
            label: 'Type',
            value: (col) => col.type,
            cell: (col) => h('span', { class: 'mono' }, col.type),
          },
          { label: 'Nullable', value: (col) => col.nullable },
          { label: 'Partition', value: (col) => t.partition_columns.includes(col.name) },
          { label: 'Description', value: (col) => col.description },
        ],
        t.columns,
        { testid: 'columns' },
      ),
    ),
    panel(
      version === undefined
        ? 'Rows (latest version, first 100)'
        : `Rows at version ${version} (time travel, first 100)`,
      h(
        'div',
        { class: 'toolbar' },
        exportButton('csv'),
        exportButton('parquet'),
        version === undefined
          ? null
          : h(
              'a',
              { href: tableHref({ catalog: c, schema: s, name }) },
              'Back to the latest version',
            ),
      ),
      preview,
    ),
    panel('History — Delta versions', historyHost),
  )
  await Promise.all([
    section(preview, async () =>
      previewTable(
        await get(
          'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/rows',
          params,
          { limit: 100, version },
          ctx.signal,
        ),
      ),
    ),
    section(historyHost, async () =>
      historyTable(
        await getAll(
          'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/history',
          params,
          {},
          ctx.signal,
          2,
        ),
        `${tableHref({ catalog: c, schema: s, name })}`,
        version,
      ),
    ),
  ])
}

/** Renders the catalog browser. */
export async function render(ctx: PageContext): Promise<void> {
  const { catalog, schema, table } = ctx.params
  const side = h('div', { class: 'panel' }, loading())
  const body = h('div')
  put(ctx.root, h('div', { class: 'split' }, side, body))
  const main =
    catalog !== undefined && schema !== undefined && table !== undefined
      ? tablePage(ctx, body, catalog, schema, table).catch((error: unknown) =>
          replace(body, failure(error)),
        )
      : section(body, async () => h('div', {}, h('h1', {}, 'Catalog'), await overview(ctx)))
  await Promise.all([
    tree(ctx, { catalog, schema, table })
      .then((t) => replace(side, h('h2', {}, 'Browse'), t))
      .catch((error: unknown) => replace(side, failure(error))),
    main,
  ])
}
