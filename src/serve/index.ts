/**
 * @module serve
 * The read-only HTTP API (Hono), bearer-token auth with Unity-Catalog-style grants, the OpenAPI
 * document and reference, the SQL endpoint, exports, and the static dashboard.
 * Public surface of the folder: other layers import only this file.
 */
export { createApi } from './app.js'
export type { Api } from './routes/api-app.js'
export { DEFAULT_SERVE_LIMITS } from './serve-options.js'
export type { ServeOptions, ServeLimits, ServeEnv } from './serve-options.js'
export { csvField } from './exports.js'
export type * from './api-types.js'
export { API_ROUTES, PROBLEM_CODES, apiPath } from './api-types.js'
