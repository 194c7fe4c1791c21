/**
 * @module catalog
 * Environments (dev/stage/prod catalogs), three-level names, principals, grants, audit, lineage.
 * Public surface of the folder: other layers import only this file.
 */
export {}
