/**
 * An S3-compatible server on loopback for the S3 store's tests: `s3rver` (npm) with its files in
 * a temp folder, behind a small proxy that honours `If-None-Match: *` on PUT atomically — s3rver
 * accepts the header but ignores it on writes, so the proxy holds a per-key lock, asks s3rver
 * whether the key exists, answers 412 `PreconditionFailed` when it does and forwards the request
 * untouched (signature intact) when it does not. Every client talks to the proxy, so it is the
 * one place that decides who wins a key, across processes.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'

/** A running server: its endpoint, bucket and the environment a client needs. */
export interface S3TestServer {
  readonly endpoint: string
  readonly bucket: string
  /** AWS_* variables for the SDK (endpoint, path style, s3rver's keys) and a cache folder. */
  readonly env: Readonly<Record<string, string>>
  /** Conditional PUTs the proxy refused (the key existed). */
  refused(): number
  close(): Promise<void>
}

/** Starts s3rver and the conditional-write proxy on 127.0.0.1 (free ports). */
export async function startS3Server(bucket = 'pitwall'): Promise<S3TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pitwall-s3rver-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: join(dir, 'data'),
    vhostBuckets: false,
    allowMismatchedSignatures: true,
    configureBuckets: [{ name: bucket }],
  })
  const upstream = (await server.run()) as AddressInfo
  let refused = 0
  const locks = new Map<string, Promise<void>>()
  const proxy = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req)
      const conditional = req.method === 'PUT' && req.headers['if-none-match'] === '*'
      if (!conditional) {
        await forward(upstream.port, req, body, res)
        return
      }
      const key = (req.url ?? '').split('?')[0] ?? ''
      const prev = locks.get(key) ?? Promise.resolve()
      let release!: () => void
      const mine = new Promise<void>((r) => (release = r))
      const chain = prev.then(() => mine)
      locks.set(key, chain)
      await prev
      try {
        if (await exists(upstream.port, key)) {
          refused++
          res.writeHead(412, { 'content-type': 'application/xml' })
          res.end(
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code>' +
              '<Message>At least one of the pre-conditions you specified did not hold</Message>' +
              '<Condition>If-None-Match</Condition></Error>',
          )
          return
        }
        await forward(upstream.port, req, body, res)
      } finally {
        release()
        if (locks.get(key) === chain) locks.delete(key)
      }
    })().catch((error: unknown) => {
      res.writeHead(500)
      res.end(String(error))
    })
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const port = (proxy.address() as AddressInfo).port
  const endpoint = `http://127.0.0.1:${port}`
  return {
    endpoint,
    bucket,
    env: {
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'us-east-1',
      PITWALL_S3_CACHE: join(dir, 'cache'),
    },
    refused: () => refused,
    async close() {
      proxy.closeAllConnections()
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function forward(
  port: number,
  req: http.IncomingMessage,
  body: Buffer,
  res: http.ServerResponse,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const up = http.request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers)
        upRes.pipe(res)
        upRes.on('end', resolve)
        upRes.on('error', reject)
      },
    )
    up.on('error', reject)
    up.end(body)
  })
}

function exists(port: number, path: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, method: 'HEAD', path }, (res) => {
      res.resume()
      resolve(res.statusCode === 200)
    })
    r.on('error', reject)
    r.end()
  })
}
