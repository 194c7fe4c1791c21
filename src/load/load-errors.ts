/**
 * @module load/load-errors
 * The load layer's errors. A bad landing file is not one of them: it is an expected outcome
 * (quarantined and reported in the load's result, the load goes on).
 */
import { WarehouseError } from '../core/index.js'

/** Base class of the load layer's errors. */
export class LoadError extends WarehouseError {}
