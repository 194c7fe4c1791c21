/**
 * @module transform
 * The dbt-style transformation engine: project, templates, graph, compile, materialize, tests, artifacts.
 * Public surface of the folder: other layers import only this file.
 */
export {}
