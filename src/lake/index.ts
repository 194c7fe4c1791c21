/**
 * @module lake
 * Delta Lake on an object store: protocol actions, log, snapshots, operations.
 * Public surface of the folder: other layers import only this file.
 */
export {}
