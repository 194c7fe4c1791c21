/**
 * A dbt-style test project as a file map (STYLE.md §13), covering the engine's features, and the
 * helpers to run it on real Delta tables through a real in-memory DuckDB.
 */
import { DuckDbEngine } from '../../src/engine/index.js'
import { objectStoreFor } from '../../src/lake/index.js'
import { DeltaWarehouse, parseProject, type ParsedProject } from '../../src/transform/index.js'

export const PROFILES = `pitwall:
  target: dev
  outputs:
    dev: { type: local, catalog: dev_f1_data_analytics, threads: 2 }
`

export const FIXTURE: Record<string, string> = {
  'dbt_project.yml': `name: pitwall
profile: pitwall
vars:
  min_lap: 1
models:
  pitwall:
    silver:
      +schema: silver_clean
      +materialized: incremental
      +tags: [silver]
    gold:
      +schema: gold_analytics
      +materialized: table
      +tblproperties:
        quality: gold
seeds:
  pitwall:
    +schema: silver_clean
    compounds:
      +column_types: { hardness: integer }
snapshots:
  pitwall:
    +schema: gold_analytics
`,
  'profiles.yml': PROFILES,
  'models/sources.yml': `version: 2
sources:
  - name: bronze
    schema: bronze_raw
    tables:
      - name: bronze_laps
        loaded_at_field: _ingested_at
        freshness:
          warn_after: { count: 12, period: hour }
          error_after: { count: 1000, period: day }
        columns:
          - name: lap_number
            data_tests: [not_null]
      - name: bronze_drivers
`,
  'macros/lap_helpers.sql': `{% macro lap_seconds(col, digits=3) -%}
round({{ col }}, {{ digits }})
{%- endmacro %}

{% macro team_label(x) -%}
{{ return(adapter.dispatch('team_label')(x)) }}
{%- endmacro %}
{% macro default__team_label(x) %}upper({{ x }}){% endmacro %}
{% macro duckdb__team_label(x) %}lower({{ x }}){% endmacro %}
`,
  'tests/generic/positive.sql': `{% test positive(model, column_name) %}
select * from {{ model }} where {{ column_name }} <= 0
{% endtest %}
`,
  'models/silver/stg_laps.sql': `{{ config(materialized='ephemeral') }}
select session_key, driver_number, lap_number, lap_duration, _ingested_at
from {{ source('bronze', 'bronze_laps') }}
where lap_number >= {{ var('min_lap') }}
`,
  'models/silver/silver_laps_merge.sql': `{{ config(unique_key=['session_key', 'driver_number', 'lap_number'], incremental_strategy='merge') }}
select session_key, driver_number, lap_number, lap_duration, _ingested_at
from {{ ref('stg_laps') }}
{% if is_incremental() %}
where _ingested_at > (select max(_ingested_at) from {{ this }})
{% endif %}
qualify row_number() over (partition by session_key, driver_number, lap_number order by _ingested_at desc) = 1
`,
  'models/silver/silver_laps_delins.sql': `{{ config(unique_key=['session_key', 'driver_number', 'lap_number'], incremental_strategy='delete+insert') }}
select session_key, driver_number, lap_number, lap_duration, _ingested_at
from {{ ref('stg_laps') }}
{% if is_incremental() %}
where _ingested_at > (select max(_ingested_at) from {{ this }})
{% endif %}
qualify row_number() over (partition by session_key, driver_number, lap_number order by _ingested_at desc) = 1
`,
  'models/silver/silver_laps_append.sql': `{{ config(incremental_strategy='append', partition_by='session_key') }}
select session_key, driver_number, lap_number, lap_duration, _ingested_at
from {{ ref('stg_laps') }}
{% if is_incremental() %}
where _ingested_at > (select max(_ingested_at) from {{ this }})
{% endif %}
`,
  'models/silver/silver_laps_microbatch.sql': `{{ config(incremental_strategy='microbatch', event_time='_ingested_at', batch_size='month', begin='2024-05-01') }}
select session_key, driver_number, lap_number, lap_duration, _ingested_at
from {{ ref('stg_laps') }}
`,
  'models/silver/silver_drivers.sql': `{{ config(unique_key='driver_number', on_schema_change='append_new_columns') }}
select driver_number, full_name, {{ team_label('team_name') }} as team_name, updated_at
from {{ source('bronze', 'bronze_drivers') }}
{% if is_incremental() %}
where updated_at > (select max(updated_at) from {{ this }})
{% endif %}
`,
  'models/gold/fact_laps.sql': `{{ config(zorder_by=['driver_number', 'lap_number']) }}
select l.session_key, l.driver_number, l.lap_number,
  {{ lap_seconds('l.lap_duration') }} as lap_seconds,
  d.full_name,
  rank() over (partition by l.session_key order by l.lap_duration) as lap_rank
from {{ ref('silver_laps_merge') }} l
left join {{ ref('silver_drivers') }} d using (driver_number)
`,
  'models/gold/fastest_laps.sql': `{{ config(materialized='view') }}
select session_key, min(lap_seconds) as fastest from {{ ref('fact_laps') }} group by session_key
`,
  'models/gold/schema.yml': `version: 2
models:
  - name: fact_laps
    description: One row per lap with its rank.
    columns:
      - name: lap_number
        description: The lap, from 1.
        data_tests:
          - not_null
          - positive
          - dbt_utils.accepted_range: { min_value: 1, max_value: 100 }
      - name: driver_number
        data_tests:
          - relationships: { to: ref('silver_drivers'), field: driver_number }
      - name: lap_seconds
        data_tests:
          - dbt_utils.not_null_proportion: { at_least: 0.5 }
    data_tests:
      - dbt_utils.unique_combination_of_columns:
          combination_of_columns: [session_key, driver_number, lap_number]
      - dbt_utils.expression_is_true: { expression: "lap_rank >= 1" }
  - name: silver_drivers
    columns:
      - name: driver_number
        data_tests: [unique, not_null]
      - name: team_name
        data_tests:
          - accepted_values:
              values: [ferrari, mclaren, red bull]
              config: { severity: warn }
unit_tests:
  - name: fact_laps_ranks_by_duration
    model: fact_laps
    given:
      - input: ref('silver_laps_merge')
        rows:
          - { session_key: 1, driver_number: 1, lap_number: 1, lap_duration: 91.5 }
          - { session_key: 1, driver_number: 16, lap_number: 1, lap_duration: 90.25 }
      - input: ref('silver_drivers')
        rows:
          - { driver_number: 1, full_name: Max }
    expect:
      rows:
        - { driver_number: 16, lap_rank: 1 }
        - { driver_number: 1, lap_rank: 2 }
`,
  'seeds/compounds.csv': `compound,hardness,colour
SOFT,1,#da291c
MEDIUM,2,#ffd12e
HARD,3,#f0f0ec
`,
  'tests/assert_no_negative_laps.sql': `select * from {{ ref('fact_laps') }} where lap_seconds < 0
`,
  'snapshots/driver_snapshot.sql': `{% snapshot driver_snapshot %}
{{ config(unique_key='driver_number', strategy='timestamp', updated_at='updated_at', hard_deletes='invalidate') }}
select driver_number, full_name, team_name, updated_at from {{ source('bronze', 'bronze_drivers') }}
{% endsnapshot %}
`,
  'snapshots/snapshots.yml': `version: 2
snapshots:
  - name: driver_team_check
    relation: source('bronze', 'bronze_drivers')
    config:
      unique_key: driver_number
      strategy: check
      check_cols: [team_name]
      hard_deletes: new_record
      dbt_valid_to_current: "9999-12-31"
`,
  'analyses/lap_counts.sql': `select count(*) from {{ ref('fact_laps') }}
`,
}

/** A fresh engine + Delta warehouse rooted at `home`. Close the engine when done. */
export async function openWarehouse(
  home: string,
): Promise<{ engine: DuckDbEngine; warehouse: DeltaWarehouse }> {
  const engine = await DuckDbEngine.create({ threads: 1 })
  return { engine, warehouse: new DeltaWarehouse({ home, engine, storeFor: objectStoreFor }) }
}

/** Parses the fixture, optionally with changed files. */
export function fixtureProject(extra: Record<string, string> = {}): ParsedProject {
  return parseProject({ ...FIXTURE, ...extra })
}

/** Writes bronze rows (SQL `select`) into a bronze table, appending. */
export async function appendBronze(
  warehouse: DeltaWarehouse,
  table: string,
  sql: string,
): Promise<void> {
  await warehouse.write(
    { database: 'dev_f1_data_analytics', schema: 'bronze_raw', identifier: table },
    sql,
    {
      mode: 'append',
    },
  )
}

/** All rows of a relation, as sorted JSON strings (to compare tables). */
export async function tableRows(
  warehouse: DeltaWarehouse,
  relation: string,
  columns = '*',
): Promise<string[]> {
  const r = await warehouse.query(`select ${columns} from ${relation}`)
  return r.rows.map((row) => JSON.stringify(row)).sort()
}
