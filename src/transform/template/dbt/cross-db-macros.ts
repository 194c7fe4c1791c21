/**
 * @module transform/template/dbt/cross-db-macros
 * dbt's cross-database macros (docs.getdbt.com, "Cross-database macros") in DuckDB's dialect,
 * written from their documented signatures. Each public macro dispatches through
 * `adapter.dispatch(name, 'dbt')`, so a project can override it with `duckdb__<name>` or
 * `default__<name>` exactly as in dbt; the implementations here are the `default__` ones.
 * Also dbt's naming macros (`generate_schema_name`, `generate_alias_name`,
 * `generate_database_name`) and `should_full_refresh`.
 */

/** [name, arguments (with defaults), DuckDB body] of each dispatched macro. */
const DISPATCHED: readonly (readonly [string, string, string])[] = [
  ['any_value', 'expression', 'any_value({{ expression }})'],
  ['bool_or', 'expression', 'bool_or({{ expression }})'],
  [
    'listagg',
    'measure, delimiter_text="\',\'", order_by_clause=none, limit_num=none',
    `{%- if limit_num is not none -%}
array_to_string(list_slice(array_agg({{ measure }}{% if order_by_clause %} {{ order_by_clause }}{% endif %}), 1, {{ limit_num }}), {{ delimiter_text }})
{%- else -%}
string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
{%- endif -%}`,
  ],
  ['cast_bool_to_text', 'field', 'cast({{ field }} as {{ dbt.type_string() }})'],
  ['safe_cast', 'field, type', 'try_cast({{ field }} as {{ type }})'],
  ['cast', 'field, type', 'cast({{ field }} as {{ type }})'],
  [
    'dateadd',
    'datepart, interval, from_date_or_timestamp',
    '({{ from_date_or_timestamp }} + interval ({{ interval }}) {{ datepart }})',
  ],
  [
    'datediff',
    'first_date, second_date, datepart',
    "date_diff('{{ datepart }}', cast({{ first_date }} as timestamp), cast({{ second_date }} as timestamp))",
  ],
  ['date_trunc', 'datepart, date', "date_trunc('{{ datepart }}', {{ date }})"],
  [
    'last_day',
    'date, datepart',
    "cast(date_trunc('{{ datepart }}', {{ date }}) + interval 1 {{ datepart }} - interval 1 day as date)",
  ],
  ['date', 'year, month, day', 'make_date({{ year }}, {{ month }}, {{ day }})'],
  ['current_timestamp', '', 'current_timestamp'],
  ['current_timestamp_backcompat', '', 'current_timestamp'],
  ['current_timestamp_in_utc_backcompat', '', "(current_timestamp at time zone 'UTC')"],
  ['except', '', 'except'],
  ['intersect', '', 'intersect'],
  ['array_append', 'array, new_element', 'list_append({{ array }}, {{ new_element }})'],
  ['array_concat', 'array_1, array_2', 'list_concat({{ array_1 }}, {{ array_2 }})'],
  [
    'array_construct',
    "inputs=[], data_type='integer'",
    "{%- if inputs | length > 0 -%}[{{ inputs | join(', ') }}]{%- else -%}cast([] as {{ data_type }}[]){%- endif -%}",
  ],
  ['concat', 'fields', "concat({{ fields | join(', ') }})"],
  ['hash', 'field', 'md5(cast({{ field }} as {{ dbt.type_string() }}))'],
  ['length', 'expression', 'length({{ expression }})'],
  [
    'position',
    'substring_text, string_text',
    'position({{ substring_text }} in {{ string_text }})',
  ],
  [
    'replace',
    'field, old_chars, new_chars',
    'replace({{ field }}, {{ old_chars }}, {{ new_chars }})',
  ],
  ['right', 'string_text, length_expression', 'right({{ string_text }}, {{ length_expression }})'],
  [
    'split_part',
    'string_text, delimiter_text, part_number',
    'split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})',
  ],
  ['escape_single_quotes', 'expression', `{{ expression | replace("'", "''") }}`],
  ['string_literal', 'value', "'{{ value }}'"],
  ['type_string', '', 'varchar'],
  ['type_timestamp', '', 'timestamp'],
  ['type_int', '', 'integer'],
  ['type_bigint', '', 'bigint'],
  ['type_float', '', 'double'],
  ['type_numeric', '', 'decimal(28, 6)'],
  ['type_boolean', '', 'boolean'],
]

/** The parameter names of a signature (commas inside quoted defaults are not separators). */
function argNames(signature: string): string {
  const names: string[] = []
  let quote = ''
  let start = true
  for (let i = 0; i < signature.length; i++) {
    const c = signature[i]!
    if (quote !== '') {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === ',') start = true
    else if (start && /[A-Za-z_]/.test(c)) {
      names.push(/^[A-Za-z_]\w*/.exec(signature.slice(i))![0])
      start = false
    }
  }
  return names.join(', ')
}

const dispatched = DISPATCHED.map(
  ([name, sig, body]) => `{% macro ${name}(${sig}) -%}
{{ return(adapter.dispatch('${name}', 'dbt')(${argNames(sig)})) }}
{%- endmacro %}
{% macro default__${name}(${sig}) -%}
${body}
{%- endmacro %}`,
).join('\n')

const naming = `
{% macro generate_schema_name(custom_schema_name=none, node=none) -%}
  {{ return(adapter.dispatch('generate_schema_name', 'dbt')(custom_schema_name, node)) }}
{%- endmacro %}
{% macro default__generate_schema_name(custom_schema_name, node) -%}
  {%- set default_schema = target.schema -%}
  {%- if custom_schema_name is none -%}{{ default_schema }}
  {%- else -%}{{ default_schema }}_{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
{% macro generate_schema_name_for_env(custom_schema_name, node) -%}
  {%- set default_schema = target.schema -%}
  {%- if target.name == 'prod' and custom_schema_name is not none -%}{{ custom_schema_name | trim }}
  {%- else -%}{{ default_schema }}{%- endif -%}
{%- endmacro %}
{% macro generate_alias_name(custom_alias_name=none, node=none) -%}
  {%- if custom_alias_name -%}{{ custom_alias_name | trim }}
  {%- elif node.version -%}{{ node.name ~ '_v' ~ (node.version | replace('.', '_')) }}
  {%- else -%}{{ node.name }}{%- endif -%}
{%- endmacro %}
{% macro generate_database_name(custom_database_name=none, node=none) -%}
  {%- if custom_database_name is none -%}{{ target.database }}
  {%- else -%}{{ custom_database_name | trim }}{%- endif -%}
{%- endmacro %}
{% macro get_where_subquery(relation) -%}
  {% do return(adapter.dispatch('get_where_subquery', 'dbt')(relation)) %}
{%- endmacro %}
{% macro default__get_where_subquery(relation) -%}
  {% set where = config.get('where', '') %}
  {% if where %}
    {%- set filtered -%}
      (select * from {{ relation }} where {{ where }}) dbt_subquery
    {%- endset -%}
    {% do return(filtered) %}
  {%- else -%}
    {% do return(relation) %}
  {%- endif -%}
{%- endmacro %}
{% macro should_full_refresh() -%}
  {{ return(config.get('full_refresh', none) if config.get('full_refresh', none) is not none else flags.FULL_REFRESH) }}
{%- endmacro %}
`

/** The text of dbt's built-in macro file `<builtin>/dbt/cross_db.sql`. */
export const CROSS_DB_MACROS = `${dispatched}\n${naming}`
