/**
 * @module pipeline
 * The asset graph: runs, partitions, schedules, sensors, run history.
 * Public surface of the folder: other layers import only this file.
 */
export {}
