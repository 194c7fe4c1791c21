/**
 * @module openf1/extract/unit-runner
 * Runs one unit end to end: skip when the manifest says it is complete and its file is intact
 * (unless refreshing), fetch, check the records, land the file atomically, record the manifest
 * entry. Never throws for a failed unit: it returns a `failed` result (STYLE.md §7), except for
 * a live-session lockout, which concerns every request and is rethrown.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../../core/index.js'
import type { OpenF1Client } from '../client/openf1-client.js'
import type { Filter } from '../client/query.js'
import { checkRecords, type EndpointName } from '../client/record-schemas.js'
import { LiveSessionLockedError } from '../openf1-errors.js'
import type { ExtractionManifest, ManifestEntry } from './extraction-manifest.js'
import type { UnitResult } from './extraction-result.js'
import { fetchUnit, type SplitSpan } from './fetch-unit.js'
import { unitId, type LandingUnit } from './landing-paths.js'
import { landingFileIntact, removeUnitFiles, writeLandingFile } from './landing-writer.js'

/** Shared by every unit of a run. */
export interface UnitRunContext {
  readonly client: OpenF1Client
  readonly manifest: ExtractionManifest
  readonly landingDir: string
  readonly refresh: boolean
  readonly stamp: Date
  readonly logger: Logger
}

/** A unit to run. */
export interface UnitJob {
  readonly unit: LandingUnit & { readonly endpoint: EndpointName }
  readonly sessionKey: number
  readonly meetingKey: number
  readonly filters: readonly Filter[]
  readonly span?: SplitSpan
}

/** A unit's result plus its records when they were fetched or read (for driver discovery). */
export interface UnitRun {
  readonly result: UnitResult
  readonly records?: readonly unknown[]
}

/** True when the manifest says the unit is done and its file is still there. */
export function isUnitComplete(ctx: UnitRunContext, id: string): ManifestEntry | undefined {
  const entry = ctx.manifest.get(id)
  if (entry === undefined) return undefined
  if (entry.status === 'empty') return entry
  if (entry.status === 'complete' && entry.file !== null) {
    return landingFileIntact(ctx.landingDir, entry.file, entry.bytes) ? entry : undefined
  }
  return undefined
}

/** Reads a complete unit's records back from its landing file. */
export async function readLandedRecords(
  ctx: UnitRunContext,
  entry: ManifestEntry,
): Promise<unknown[]> {
  if (entry.file === null) return []
  const parsed: unknown = JSON.parse(await readFile(join(ctx.landingDir, entry.file), 'utf8'))
  return Array.isArray(parsed) ? parsed : []
}

/** Runs one unit. */
export async function runUnit(ctx: UnitRunContext, job: UnitJob): Promise<UnitRun> {
  const id = unitId(job.unit)
  const base = {
    unit: id,
    endpoint: job.unit.endpoint,
    sessionKey: job.sessionKey,
    ...(job.unit.driverNumber === undefined ? {} : { driverNumber: job.unit.driverNumber }),
  }
  const done = ctx.refresh ? undefined : isUnitComplete(ctx, id)
  if (done !== undefined) {
    return {
      result: {
        ...base,
        status: 'skipped',
        records: done.records,
        attempts: 0,
        ...(done.file === null ? {} : { file: done.file }),
      },
    }
  }
  const entryBase = {
    unit: id,
    endpoint: job.unit.endpoint,
    session_key: job.unit.endpoint === 'meetings' ? null : job.sessionKey,
    meeting_key: job.meetingKey,
    driver_number: job.unit.driverNumber ?? null,
    extracted_at: new Date().toISOString(),
  }
  try {
    const fetched = await fetchUnit(ctx.client, job.unit.endpoint, job.filters, job.span)
    if (fetched.records.length === 0) {
      await removeUnitFiles(ctx.landingDir, job.unit)
      ctx.manifest.set({
        ...entryBase,
        status: 'empty',
        file: null,
        requests: [...fetched.requests],
        http_status: 404,
        records: 0,
        bytes: 0,
        sha256: null,
        attempts: fetched.attempts,
      })
      return {
        result: { ...base, status: 'empty', records: 0, attempts: fetched.attempts },
        records: [],
      }
    }
    const check = checkRecords(job.unit.endpoint, fetched.records)
    if (check.invalid > 0) {
      const first = check.issues[0]
      ctx.logger.warn(
        `${id}: ${check.invalid} record(s) with unexpected types, kept as received (first: record ${first?.index} ${first?.path}: ${first?.message})`,
      )
    }
    const written = await writeLandingFile(ctx.landingDir, job.unit, fetched.body, ctx.stamp)
    ctx.manifest.set({
      ...entryBase,
      status: 'complete',
      file: written.file,
      requests: [...fetched.requests],
      http_status: fetched.status,
      records: fetched.records.length,
      bytes: written.bytes,
      sha256: written.sha256,
      attempts: fetched.attempts,
      ...(check.invalid > 0 ? { invalid_records: check.invalid } : {}),
    })
    return {
      result: {
        ...base,
        status: 'complete',
        records: fetched.records.length,
        attempts: fetched.attempts,
        file: written.file,
        ...(check.invalid > 0 ? { invalidRecords: check.invalid } : {}),
      },
      records: fetched.records,
    }
  } catch (error) {
    if (error instanceof LiveSessionLockedError) throw error
    const message = error instanceof Error ? error.message : String(error)
    ctx.logger.warn(`${id} failed: ${message}`)
    const attempts = (error as { attempts?: unknown }).attempts
    // A failed refresh keeps the complete file and entry it had.
    if (ctx.manifest.get(id)?.status !== 'complete') {
      ctx.manifest.set({
        ...entryBase,
        status: 'failed',
        file: null,
        requests: [],
        http_status: null,
        records: 0,
        bytes: 0,
        sha256: null,
        attempts: typeof attempts === 'number' ? attempts : 1,
        error: message,
      })
    }
    return {
      result: {
        ...base,
        status: 'failed',
        records: 0,
        attempts: typeof attempts === 'number' ? attempts : 1,
        error: message,
      },
    }
  }
}
