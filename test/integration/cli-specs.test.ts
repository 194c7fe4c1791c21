/**
 * The command specs describe options without loading the layers, so the few values their help
 * repeats from a layer are written out there; these checks keep the two in step.
 */
import { describe, expect, it } from 'vitest'
import { Command } from 'commander'
import { OPENF1_BASE_URL_HELP, extractCommand } from '../../src/cli/commands/extract.js'
import { SIM_SESSION_KINDS_HELP } from '../../src/cli/commands/simulate.js'
import { COMMANDS } from '../../src/cli/commands/index.js'
import { PLANNED_COMMANDS } from '../../src/cli/commands/planned.js'
import { OPENF1_BASE_URL, SIM_SESSION_KINDS } from '../../src/openf1/index.js'

describe('command specs', () => {
  it('show the API address and the session kinds the openf1 layer uses', () => {
    expect(OPENF1_BASE_URL_HELP).toBe(OPENF1_BASE_URL)
    expect(SIM_SESSION_KINDS_HELP).toBe(SIM_SESSION_KINDS.join(', '))
    const help = extractCommand.describe(new Command('extract')).helpInformation()
    expect(help).toContain(OPENF1_BASE_URL)
  })

  it('name every command once, and no built command is still listed as planned', () => {
    const names = COMMANDS.map((c) => c.name)
    expect(new Set(names).size).toBe(names.length)
    for (const planned of PLANNED_COMMANDS) expect(names).not.toContain(planned.name.split(' ')[0])
  })

  it('give every runnable command (and subcommand) an action module that exports run', async () => {
    const runnable = COMMANDS.flatMap((c) => [c, ...(c.subcommands ?? [])]).filter(
      (c) => c.load !== undefined,
    )
    expect(runnable.length).toBeGreaterThan(20)
    for (const spec of runnable) {
      const mod = (await spec.load!()) as { run?: unknown }
      expect(typeof mod.run, spec.name).toBe('function')
    }
  })
})
