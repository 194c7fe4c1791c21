/**
 * A generated dbt-style project for the transformation benchmarks: `n` models in layers (each
 * model refs up to three models of the layer before it), a source, a macro, schema YAML with two
 * tests per model, and incremental models every fifth one.
 */

/** The project's files. */
export function generatedProject(n: number): Record<string, string> {
  const files: Record<string, string> = {
    'dbt_project.yml': `name: gen\nprofile: gen\nmodels:\n  gen:\n    +materialized: table\n`,
    'profiles.yml': `gen:\n  target: dev\n  outputs:\n    dev: { type: local, catalog: dev_bench, threads: 4 }\n`,
    'models/sources.yml': `sources:\n  - name: raw\n    schema: bronze_raw\n    tables: [{ name: events }]\n`,
    'macros/helpers.sql': `{% macro scaled(col, factor=2) %}({{ col }} * {{ factor }}){% endmacro %}`,
  }
  const width = Math.max(1, Math.round(Math.sqrt(n)))
  const yml: string[] = ['models:']
  for (let i = 0; i < n; i++) {
    const layer = Math.floor(i / width)
    const name = `m_${String(i).padStart(4, '0')}`
    let from: string
    if (layer === 0) from = `{{ source('raw', 'events') }}`
    else {
      const prev = Array.from(
        { length: 3 },
        (_, k) => (layer - 1) * width + ((i + k) % width),
      ).filter((j) => j < n)
      const refs = [...new Set(prev)].map((j) => `m_${String(j).padStart(4, '0')}`)
      from = `(${refs.map((r) => `select id, v from {{ ref('${r}') }}`).join(' union all ')}) u`
    }
    const incremental = i % 5 === 4
    files[`models/layer_${layer}/${name}.sql`] =
      `${incremental ? `{{ config(materialized='incremental', unique_key='id') }}\n` : ''}select id, max({{ scaled('v') }}) as v
from ${from}
{% if is_incremental() %}where id > (select coalesce(max(id), -1) from {{ this }}){% endif %}
group by id
`
    yml.push(
      `  - name: ${name}`,
      `    description: model ${i}`,
      `    columns:`,
      `      - name: id`,
      `        data_tests: [not_null, unique]`,
    )
  }
  files['models/schema.yml'] = `${yml.join('\n')}\n`
  return files
}
