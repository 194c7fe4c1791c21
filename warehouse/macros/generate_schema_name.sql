{#
  The F1 warehouse names its schemas itself: a model's `schema` config is the schema as written
  (silver_clean, gold_analytics), not dbt's default `<target schema>_<custom>`; the catalog
  (dev/stage/prod) already separates the environments.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name is none or custom_schema_name == '' -%}{{ target.schema }}
  {%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
