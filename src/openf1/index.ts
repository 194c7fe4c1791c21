/**
 * @module openf1
 * OpenF1 client, endpoint catalogue, rate limiter, retries, discovery, landing writer, replay server, simulator.
 * Public surface of the folder: other layers import only this file.
 */
export {}
