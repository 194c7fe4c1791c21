/**
 * @module engine
 * The SQL engine port and its adapters (DuckDB embedded; Databricks).
 * Public surface of the folder: other layers import only this file.
 */
export {}
