/**
 * @module serve
 * HTTP API (Hono), auth, OpenAPI document, static dashboard.
 * Public surface of the folder: other layers import only this file.
 */
export {}
