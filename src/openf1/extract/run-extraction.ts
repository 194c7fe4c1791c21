/**
 * @module openf1/extract/run-extraction
 * `pitwall extract` as a function: discover sessions, then per session (in `date_start` order)
 * land every selected endpoint — session-wide endpoints first, then `location`/`car_data` per
 * driver. Requests run concurrently through the client (which bounds concurrency and rate).
 * Resumable: complete units are skipped; failed ones are reported, never fatal for the others.
 */
import { NO_PROGRESS, SILENT_LOGGER, type Logger, type Progress } from '../../core/index.js'
import { mapConcurrent } from '../client/concurrency.js'
import { ENDPOINTS } from '../client/endpoints.js'
import type { OpenF1Client } from '../client/openf1-client.js'
import { where } from '../client/query.js'
import type { EndpointName } from '../client/record-schemas.js'
import { LiveSessionLockedError } from '../openf1-errors.js'
import { ExtractionManifest } from './extraction-manifest.js'
import type { ExtractionResult, SessionResult, UnitResult } from './extraction-result.js'
import { unitId } from './landing-paths.js'
import { removeStaleTempFiles } from './landing-writer.js'
import {
  discoverSessions,
  type DiscoveredSession,
  type SessionCriteria,
} from './session-discovery.js'
import { resolveSessionDrivers } from './session-drivers.js'
import {
  isUnitComplete,
  readLandedRecords,
  runUnit,
  type UnitJob,
  type UnitRunContext,
} from './unit-runner.js'

/** Options of {@link runExtraction}. */
export interface ExtractOptions {
  readonly client: OpenF1Client
  /** `<home>/landing`. */
  readonly landingDir: string
  readonly criteria: SessionCriteria
  /** Endpoints to land (default: all). */
  readonly endpoints?: readonly EndpointName[]
  /** Fetch again what is already complete. */
  readonly refresh?: boolean
  readonly logger?: Logger
  readonly progress?: Progress
  /** The time stamped into file names (default: now). */
  readonly now?: () => Date
}

type DriverSource = 'drivers' | 'laps' | 'stints' | 'position'
const DRIVER_SOURCES: ReadonlySet<string> = new Set<DriverSource>([
  'drivers',
  'laps',
  'stints',
  'position',
])

/** A unit's result, with its records while the session still needs them. */
type Tracked = UnitResult & { readonly records_?: readonly unknown[] }

/** Runs an extraction; see the module doc. */
export async function runExtraction(options: ExtractOptions): Promise<ExtractionResult> {
  const started = performance.now()
  const logger = options.logger ?? SILENT_LOGGER
  const progress = options.progress ?? NO_PROGRESS
  const selected = new Set<EndpointName>(options.endpoints ?? ENDPOINTS.map((e) => e.name))
  const manifest = ExtractionManifest.load(options.landingDir)
  await removeStaleTempFiles(options.landingDir)
  const ctx: UnitRunContext = {
    client: options.client,
    manifest,
    landingDir: options.landingDir,
    refresh: options.refresh ?? false,
    stamp: (options.now ?? (() => new Date()))(),
    logger,
  }
  const sessions = await discoverSessions(options.client, options.criteria)
  logger.info(`extract: ${sessions.length} session(s) from ${options.client.baseUrl}`)
  const sessionBar = progress.start('sessions', sessions.length, 'sessions')
  const unitBar = progress.start('requests', 0, 'files')
  const recordBar = progress.start('records', 0, 'records')
  const meetingsDone = new Set<number>()
  let locked: LiveSessionLockedError | undefined
  let plannedUnits = 0

  const track = async (job: UnitJob): Promise<Tracked> => {
    if (locked !== undefined) {
      return {
        unit: unitId(job.unit),
        endpoint: job.unit.endpoint,
        sessionKey: job.sessionKey,
        status: 'failed',
        records: 0,
        attempts: 0,
        error: `not attempted: ${locked.message}`,
      }
    }
    try {
      const run = await runUnit(ctx, job)
      unitBar.tick(1, run.result.unit)
      recordBar.tick(run.result.records)
      // Keep records only where driver discovery may need them (telemetry would cost ~1 GB).
      const keep = run.records !== undefined && DRIVER_SOURCES.has(job.unit.endpoint)
      return { ...run.result, ...(keep ? { records_: run.records } : {}) }
    } catch (error) {
      if (!(error instanceof LiveSessionLockedError)) throw error
      locked = error
      logger.error(error.message)
      return {
        unit: unitId(job.unit),
        endpoint: job.unit.endpoint,
        sessionKey: job.sessionKey,
        status: 'failed',
        records: 0,
        attempts: 1,
        error: error.message,
      }
    }
  }

  // Two sessions at a time, so the limiter is never idle while one session waits for its last
  // answers; within a session, per-driver requests start as soon as the drivers are known.
  const results = await mapConcurrent(sessions, 2, async (session) => {
    const jobs = sessionJobs(session, selected, meetingsDone)
    plannedUnits += jobs.length
    unitBar.setTotal(plannedUnits)
    const pending = new Map<string, Promise<Tracked>>()
    const sessionRuns = jobs.map((job) => {
      const p = track(job)
      pending.set(job.unit.endpoint, p)
      return p
    })
    const notes: string[] = []
    let driverRuns: Promise<Tracked>[] = []
    const driverEndpoints = ENDPOINTS.filter((e) => e.scope === 'driver' && selected.has(e.name))
    if (driverEndpoints.length > 0) {
      const drivers = await resolveSessionDrivers((endpoint) =>
        recordsOf(ctx, session, endpoint, pending),
      )
      if (drivers.numbers.length === 0) {
        notes.push('no driver numbers found (drivers, laps, stints and position are empty)')
      } else if (drivers.source[0] !== 'drivers') {
        notes.push(`/drivers is empty; driver numbers taken from ${drivers.source.join(', ')}`)
      }
      const driverJobs = driverEndpoints.flatMap((e) =>
        drivers.numbers.map((n) => driverJob(session, e.name, n)),
      )
      plannedUnits += driverJobs.length
      unitBar.setTotal(plannedUnits)
      driverRuns = driverJobs.map(track)
    }
    const units: UnitResult[] = (await Promise.all([...sessionRuns, ...driverRuns])).map(
      ({ records_: _dropped, ...r }) => r,
    )
    const failed = units.some((u) => u.status === 'failed')
    if (failed) logger.warn(`session ${session.label}: some endpoints failed (see the summary)`)
    sessionBar.tick(1, session.label)
    const result: SessionResult = {
      sessionKey: session.sessionKey,
      label: session.label,
      dateStart: session.dateStart,
      status: failed ? 'failed' : 'complete',
      units,
      notes,
    }
    return result
  })
  manifest.save()
  sessionBar.done()
  unitBar.done()
  recordBar.done()
  return summarise(options, results, performance.now() - started)
}

function sessionJobs(
  session: DiscoveredSession,
  selected: ReadonlySet<EndpointName>,
  meetingsDone: Set<number>,
): UnitJob[] {
  const jobs: UnitJob[] = []
  for (const spec of ENDPOINTS) {
    if (!selected.has(spec.name) || spec.scope === 'driver') continue
    if (spec.scope === 'meeting') {
      if (meetingsDone.has(session.meetingKey)) continue
      meetingsDone.add(session.meetingKey)
      jobs.push({
        unit: { endpoint: spec.name, key: session.meetingKey },
        sessionKey: session.sessionKey,
        meetingKey: session.meetingKey,
        filters: [where.eq('meeting_key', session.meetingKey)],
      })
      continue
    }
    // Time series can be split by date window if the API finds them too large (422).
    const dated = spec.key.includes('date') && session.dateEnd !== undefined
    jobs.push({
      unit: { endpoint: spec.name, key: session.sessionKey },
      sessionKey: session.sessionKey,
      meetingKey: session.meetingKey,
      filters: [where.eq('session_key', session.sessionKey)],
      ...(dated ? { span: { start: session.dateStart, end: session.dateEnd ?? '' } } : {}),
    })
  }
  return jobs
}

/** A session's records of `endpoint`: this run's, the landing zone's, or a direct fetch. */
async function recordsOf(
  ctx: UnitRunContext,
  session: DiscoveredSession,
  endpoint: DriverSource,
  pending: ReadonlyMap<string, Promise<Tracked>>,
): Promise<readonly unknown[]> {
  const mine = await pending.get(endpoint)
  if (mine?.records_ !== undefined) return mine.records_
  const entry = isUnitComplete(ctx, unitId({ endpoint, key: session.sessionKey }))
  try {
    return entry !== undefined
      ? await readLandedRecords(ctx, entry)
      : (await ctx.client.get(endpoint, [where.eq('session_key', session.sessionKey)])).records
  } catch (error) {
    ctx.logger.warn(
      `could not read ${endpoint} of session ${session.sessionKey} to find its drivers: ${error instanceof Error ? error.message : String(error)}`,
    )
    return []
  }
}

/** The per-driver unit of `endpoint` for driver `n`. */
function driverJob(session: DiscoveredSession, endpoint: EndpointName, n: number): UnitJob {
  return {
    unit: { endpoint, key: session.sessionKey, driverNumber: n },
    sessionKey: session.sessionKey,
    meetingKey: session.meetingKey,
    filters: [where.eq('session_key', session.sessionKey), where.eq('driver_number', n)],
    ...(session.dateEnd === undefined
      ? {}
      : { span: { start: session.dateStart, end: session.dateEnd } }),
  }
}

function summarise(
  options: ExtractOptions,
  sessions: readonly SessionResult[],
  ms: number,
): ExtractionResult {
  const units = sessions.flatMap((s) => s.units)
  const count = (status: UnitResult['status']): number =>
    units.filter((u) => u.status === status).length
  const stats = options.client.stats
  return {
    schemaVersion: 1,
    landingDir: options.landingDir,
    sessions,
    totals: {
      sessions: sessions.length,
      failedSessions: sessions.filter((s) => s.status === 'failed').length,
      units: units.length,
      written: count('complete'),
      empty: count('empty'),
      skipped: count('skipped'),
      failed: count('failed'),
      records: units.reduce((n, u) => n + (u.status === 'complete' ? u.records : 0), 0),
      requests: stats.requests,
      retries: stats.retries,
      rateLimited: stats.rateLimited,
      seconds: ms / 1000,
    },
    missing: units
      .filter((u) => u.status === 'failed')
      .map((u) => ({ unit: u.unit, error: u.error ?? 'failed' })),
  }
}
