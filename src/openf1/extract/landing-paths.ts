/**
 * @module openf1/extract/landing-paths
 * Names in the landing zone, as the extractor writes them. The contract itself (file names,
 * unit ids, stamps) is defined once in core (`core/openf1/landing-names.ts`) and shared with the
 * loader; this module re-exports what the extractor uses.
 */
export {
  landingFileName,
  landingRelPath,
  landingStamp,
  parseLandingFileName,
  unitId,
} from '../../core/index.js'
export type { LandingName, LandingUnit } from '../../core/index.js'
