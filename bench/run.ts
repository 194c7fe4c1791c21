/**
 * `npm run bench [name-filter]`: runs every `bench/*.bench.ts` and prints their ratios.
 * Never part of `npm test`.
 */
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { machine, type Benchmark } from './harness.js'

const here = dirname(fileURLToPath(import.meta.url))
const filter = process.argv[2]
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter === undefined || f.includes(filter))
  .sort()

console.log(`machine: ${machine()}`)
if (files.length === 0) console.log('no benchmarks match')
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Benchmark }
  const result = await mod.default.run()
  console.log(`\n## ${result.name}`)
  for (const m of result.measurements) {
    const extra = m.extra === undefined ? '' : `  ${JSON.stringify(m.extra)}`
    console.log(`  ${m.label.padEnd(48)} ${m.seconds.toFixed(3)} s${extra}`)
  }
  for (const r of result.ratios) console.log(`  → ${r}`)
}
