/**
 * @module cli/format/metrics-text
 * An operation's scalar metrics as indented `key: value` lines.
 */

/** The scalar entries of `metrics`, one `  key: value` line each. */
export function metricsText(metrics: object): string {
  return Object.entries(metrics)
    .filter(([, v]) => !Array.isArray(v) && typeof v !== 'object')
    .map(([k, v]) => `  ${k}: ${String(v)}`)
    .join('\n')
}
