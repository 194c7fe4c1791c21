/**
 * @module openf1
 * OpenF1 client, endpoint catalogue, rate limiter, retries, discovery, landing writer, replay
 * server, simulator. Public surface of the folder: other layers import only this file.
 */

// errors
export {
  OpenF1Error,
  OpenF1HttpError,
  LiveSessionLockedError,
  QueryTooLargeError,
  TransientFailureError,
  OpenF1UnreachableError,
  OpenF1AuthError,
  OpenF1DataError,
} from './openf1-errors.js'

// client
export { SYSTEM_CLOCK, FakeClock } from './client/clock.js'
export type { Clock } from './client/clock.js'
export { parseRateSpec, formatRateSpec, FREE_TIER_RATE } from './client/rate-spec.js'
export type { RateWindow } from './client/rate-spec.js'
export { RateLimiter } from './client/rate-limiter.js'
export { idealSchedule, maxInAnyWindow } from './client/ideal-schedule.js'
export type { RateLimiterOptions } from './client/rate-limiter.js'
export { DEFAULT_RETRY_POLICY } from './client/retry-policy.js'
export type { RetryPolicy } from './client/retry-policy.js'
export { buildQuery, buildUrl, where } from './client/query.js'
export type { Filter, FilterOperator, FilterValue } from './client/query.js'
export { ENDPOINTS, ENDPOINT_NAMES, isEndpointName, endpointSpec } from './client/endpoints.js'
export type { EndpointSpec, EndpointScope } from './client/endpoints.js'
export { RECORD_SCHEMAS, checkRecords } from './client/record-schemas.js'
export type {
  EndpointName,
  OpenF1Record,
  SessionRecord,
  MeetingRecord,
  RecordCheck,
  RecordIssue,
} from './client/record-schemas.js'
export { OpenF1Client, OPENF1_BASE_URL } from './client/openf1-client.js'
export type { OpenF1ClientOptions, FetchOutcome, ClientStats } from './client/openf1-client.js'
export { TokenProvider, credentialsFromEnv, tokenUrlFor } from './client/token-provider.js'
export type { OpenF1Credentials } from './client/token-provider.js'

// extraction and landing zone
export { discoverSessions } from './extract/session-discovery.js'
export type { SessionCriteria, DiscoveredSession } from './extract/session-discovery.js'
export { runExtraction } from './extract/run-extraction.js'
export type { ExtractOptions } from './extract/run-extraction.js'
export type {
  ExtractionResult,
  SessionResult,
  UnitResult,
  UnitStatus,
} from './extract/extraction-result.js'
export { ExtractionManifest, MANIFEST_FILE } from './extract/extraction-manifest.js'
export type { ManifestEntry, ExtractionManifestFile } from './extract/extraction-manifest.js'
export { landingFileName, parseLandingFileName, unitId } from './extract/landing-paths.js'
export type { LandingUnit } from './extract/landing-paths.js'

// replay server
export { startReplayServer } from './replay/replay-server.js'
export type { ReplayServer, ReplayServerOptions, ReplayStats } from './replay/replay-server.js'

// simulator
export { simulateSeasons, hasSimulation, SIM_SESSION_KINDS } from './simulate/simulate-season.js'
export type { SimulateOptions, SimulateResult } from './simulate/simulate-season.js'
export type { SimSessionKind } from './simulate/sim-session.js'
