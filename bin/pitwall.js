#!/usr/bin/env node
// The `pitwall` command. TypeScript sources run through tsx's loader, so `npx pitwall` works
// right after `npm ci` with no build step.
import { register } from 'tsx/esm/api'

register()
const { runCli, processIo } = await import('../src/cli/index.ts')
process.exitCode = await runCli(process.argv.slice(2), processIo())
