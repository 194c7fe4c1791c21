/**
 * @module transform/docs/docs-site
 * `pitwall docs generate`: a static site (one `index.html`, plus the artifacts beside it) with
 * every model, seed, snapshot and source, its description, columns (types from the catalog),
 * tests (with their last status), dependencies, SQL, and a lineage graph from sources to marts.
 */
import type { CatalogArtifact } from '../../core/index.js'
import type { Project, ProjectNode, SourceNode } from '../project/types.js'
import { esc, lineageSvg, type LineageNode } from './lineage-layout.js'

/** Builds the site's files (name → content). `statuses` are the last test/model statuses. */
export function buildDocsSite(
  project: Project,
  catalog: CatalogArtifact | undefined,
  statuses: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const documented = [
    ...Object.values(project.sources),
    ...Object.values(project.nodes).filter((n) =>
      ['model', 'seed', 'snapshot'].includes(n.resource_type),
    ),
  ]
  const tests = Object.values(project.nodes).filter(
    (n) => n.resource_type === 'test' || n.resource_type === 'unit_test',
  )
  const testsOf = (id: string) =>
    tests.filter(
      (t) => t.attached_node === id || (t.attached_node == null && t.depends_on.nodes.includes(id)),
    )
  const children = new Map<string, string[]>()
  for (const n of Object.values(project.nodes)) {
    if (n.resource_type === 'test' || n.resource_type === 'unit_test') continue
    for (const p of n.depends_on.nodes) children.set(p, [...(children.get(p) ?? []), n.unique_id])
  }
  const lineage: LineageNode[] = [
    ...documented.map((n) => ({
      id: n.unique_id,
      label: n.resource_type === 'source' ? `${(n as SourceNode).source_name}.${n.name}` : n.name,
      kind: n.resource_type,
      parents: 'depends_on' in n ? n.depends_on.nodes : [],
    })),
    ...Object.values(project.exposures).map((e) => ({
      id: e.unique_id,
      label: e.name,
      kind: 'exposure',
      parents: e.depends_on.nodes,
    })),
  ]
  const sections = documented.map((n) =>
    section(n, catalog, testsOf(n.unique_id), statuses, children.get(n.unique_id) ?? []),
  )
  const nav = (['source', 'seed', 'model', 'snapshot'] as const)
    .map((kind) => {
      const items = documented
        .filter((n) => n.resource_type === kind)
        .sort((a, b) => a.name.localeCompare(b.name))
      if (items.length === 0) return ''
      return `<h3>${kind}s</h3><ul>${items.map((n) => `<li><a href="#${esc(n.unique_id)}">${esc(n.resource_type === 'source' ? `${(n as SourceNode).source_name}.${n.name}` : n.name)}</a></li>`).join('')}</ul>`
    })
    .join('')
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(project.name)} docs</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;display:flex;color:#212121}
nav{width:260px;height:100vh;overflow:auto;position:sticky;top:0;background:#f5f5f5;padding:12px;box-sizing:border-box;font-size:14px}
nav ul{list-style:none;padding-left:8px;margin:4px 0} main{flex:1;padding:16px 24px;overflow:auto}
section{border-top:1px solid #ddd;padding:8px 0} table{border-collapse:collapse;font-size:13px} td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}
pre{background:#fafafa;border:1px solid #eee;padding:8px;overflow:auto;font-size:12px} .pass,.success{color:#2e7d32}.fail,.error{color:#c62828}.warn{color:#ef6c00}.skipped{color:#757575}
.lineage{overflow:auto;border:1px solid #eee}
</style></head>
<body><nav><h2>${esc(project.name)}</h2><p>target ${esc(project.target.name)} · ${esc(project.target.database)}</p><a href="#lineage">lineage graph</a>${nav}</nav>
<main><h1>${esc(project.name)}</h1>
<p>${documented.length} documented relations, ${tests.length} tests.</p>
<h2 id="lineage">Lineage</h2><div class="lineage">${lineageSvg(lineage)}</div>
${sections.join('\n')}
</main></body></html>
`
  return { 'index.html': html }
}

function section(
  n: ProjectNode | SourceNode,
  catalog: CatalogArtifact | undefined,
  tests: readonly ProjectNode[],
  statuses: Readonly<Record<string, string>>,
  children: readonly string[],
): string {
  const cat =
    n.resource_type === 'source' ? catalog?.sources[n.unique_id] : catalog?.nodes[n.unique_id]
  const names = [...new Set([...Object.keys(n.columns), ...Object.keys(cat?.columns ?? {})])]
  const rows = names
    .map((c) => {
      const doc = n.columns[c]
      const colTests = tests.filter((t) => t.column_name === c)
      return `<tr><td>${esc(c)}</td><td>${esc(cat?.columns[c]?.type ?? doc?.data_type ?? '')}</td><td>${esc(doc?.description ?? '')}</td><td>${colTests.map((t) => testBadge(t, statuses)).join('<br>')}</td></tr>`
    })
    .join('')
  const modelTests = tests.filter((t) => t.column_name == null)
  const title = n.resource_type === 'source' ? `${n.source_name}.${n.name}` : n.name
  const relation = `${n.database}.${n.schema}.${n.resource_type === 'source' ? n.identifier : n.alias}`
  const mat = n.resource_type === 'source' ? 'source' : String(n.config.materialized)
  const status = statuses[n.unique_id]
  const rowCount = (cat?.stats['row_count'] as { value?: unknown } | undefined)?.value
  const deps = 'depends_on' in n ? n.depends_on.nodes : []
  return `<section id="${esc(n.unique_id)}"><h2>${esc(title)} <small>${esc(n.resource_type)} · ${esc(mat)}${status === undefined ? '' : ` · <span class="${esc(status)}">${esc(status)}</span>`}</small></h2>
<p><code>${esc(relation)}</code>${rowCount === undefined ? '' : ` · ${esc(String(rowCount))} rows`}</p>
<p>${esc(n.description || 'No description.')}</p>
${names.length === 0 ? '' : `<table><tr><th>column</th><th>type</th><th>description</th><th>tests</th></tr>${rows}</table>`}
${modelTests.length === 0 ? '' : `<p>Tests: ${modelTests.map((t) => testBadge(t, statuses)).join(', ')}</p>`}
${deps.length === 0 ? '' : `<p>Depends on: ${deps.map((d) => `<a href="#${esc(d)}">${esc(d)}</a>`).join(', ')}</p>`}
${children.length === 0 ? '' : `<p>Referenced by: ${children.map((d) => `<a href="#${esc(d)}">${esc(d)}</a>`).join(', ')}</p>`}
${n.resource_type === 'source' || n.raw_code === '' ? '' : `<details><summary>SQL</summary><pre>${esc(n.raw_code)}</pre></details>`}
</section>`
}

function testBadge(t: ProjectNode, statuses: Readonly<Record<string, string>>): string {
  const s = statuses[t.unique_id]
  const name =
    t.test_metadata === undefined
      ? t.name
      : `${t.test_metadata.namespace === null ? '' : `${t.test_metadata.namespace}.`}${t.test_metadata.name}`
  return `<span title="${esc(t.unique_id)}">${esc(name)}</span>${s === undefined ? '' : ` <span class="${esc(s)}">${esc(s)}</span>`}`
}
