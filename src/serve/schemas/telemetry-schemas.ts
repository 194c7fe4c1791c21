/**
 * @module serve/schemas/telemetry-schemas
 * zod schemas of the telemetry answers: one lap's samples placed along the lap, two drivers'
 * traces with the delta between them, and the track map with its DRS zones. The API's types are
 * inferred from them (`api-types-f1.ts`).
 */
import { z } from '@hono/zod-openapi'
import { bool, int, n, num, ts } from './common-schemas.js'

/** One telemetry sample of a lap, placed along the lap. */
export const TelemetryPointSchema = z
  .object({
    /** Metres from the start of the lap (from the x/y path; approximate, as FastF1 warns). */
    distance: num,
    /** 0 → 1 through the lap (time-based). */
    progress: num,
    date: ts,
    x: num,
    y: num,
    speed: n(num),
    throttle: n(num),
    n_gear: n(int),
    is_braking: n(bool),
    /** DRS open (only when read from silver car data, else null). */
    drs_open: n(bool),
  })
  .openapi('TelemetryPoint')

/** One driver's lap as a telemetry trace. */
export const TelemetryLapSchema = z
  .object({
    driver_number: int,
    lap_number: int,
    /** The lap time (s), when known. */
    lap_duration: n(num),
    points: z.array(TelemetryPointSchema),
  })
  .openapi('TelemetryLap')

/**
 * `GET /api/sessions/{session_key}/telemetry?drivers=a,b[&lap=n]`: each driver's lap (their
 * fastest by default, from `gold_analytics.track_map`; a given lap reads silver car data and
 * locations and needs silver grants), and the time delta of the second driver to the first over
 * distance (positive = slower).
 */
export const TelemetrySchema = z
  .object({
    session_key: int,
    /** `track_map` (each driver's fastest lap) or `silver` (the lap asked for). */
    source: z.enum(['track_map', 'silver']),
    laps: z.array(TelemetryLapSchema),
    /** Seconds the second lap is behind the first at each distance (approximate). */
    delta: z.array(z.object({ distance: num, delta: num })),
  })
  .openapi('Telemetry')

/** `GET /api/sessions/{session_key}/track-map`: one lap's x/y path coloured by speed. */
export const TrackMapSchema = z
  .object({
    session_key: int,
    driver_number: int,
    lap_number: int,
    points: z.array(z.object({ x: num, y: num, progress: num, speed: n(num) })),
    /**
     * The DRS zones as stretches of the lap (progress 0 → 1): where drivers had DRS open over
     * their fastest laps (silver car data; empty for principals who may not read it).
     */
    drs_zones: z.array(z.object({ start: num, end: num })),
  })
  .openapi('TrackMap')
