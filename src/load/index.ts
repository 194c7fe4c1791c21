/**
 * @module load
 * Landing JSON → bronze Delta tables.
 * Public surface of the folder: other layers import only this file.
 */
export {}
