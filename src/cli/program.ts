/**
 * @module cli/program
 * The commander program: global options, built commands and the planned ones.
 */
import { Command, CommanderError, Option } from 'commander'
import { createContext, type CliContext, type GlobalOptions } from './context.js'
import type { CliIo } from './io.js'
import { registerDebug } from './commands/debug.js'
import { registerDemo } from './commands/demo.js'
import { registerExtract } from './commands/extract.js'
import { registerReplay } from './commands/replay.js'
import { registerSimulate } from './commands/simulate.js'
import { registerLoad } from './commands/load.js'
import { registerSql } from './commands/sql.js'
import { registerBuild } from './commands/build.js'
import { registerRun } from './commands/run.js'
import { registerTest } from './commands/test.js'
import { registerSnapshot } from './commands/snapshot.js'
import { registerSeed } from './commands/seed.js'
import { registerCompile } from './commands/compile.js'
import { registerLs } from './commands/ls.js'
import { registerDocs } from './commands/docs.js'
import { registerSource } from './commands/source.js'
import { registerTable } from './commands/table.js'
import { PLANNED_COMMANDS, registerPlanned } from './commands/planned.js'

/** Builds the program. `onContext` receives the context the running command created. */
export function buildProgram(io: CliIo, onContext: (ctx: CliContext) => void): Command {
  const program = new Command('pitwall')
  program
    .description(
      'pitwall: a Formula 1 lakehouse. OpenF1 → Delta Lake bronze/silver/gold → dbt-style models → API and dashboard.',
    )
    // `--version` alone prints the version; `--version N` after a command is that command's option
    // (`pitwall table scan t --version 3`, read through optsWithGlobals()).
    .addOption(new Option('-V, --version [n]', 'output the version number'))
    .on('option:version', (value: unknown) => {
      if (typeof value === 'string') return
      io.stdout.write('0.1.0\n')
      throw new CommanderError(0, 'commander.version', '0.1.0')
    })
    .option(
      '--home <dir>',
      'lakehouse home: landing zone, Delta tables, artifacts (env PITWALL_HOME)',
      undefined,
    )
    .addOption(new Option('--target <name>', 'target (catalog) to use: dev, stage or prod'))
    .option('--project-dir <dir>', 'dbt-style project (default: the built-in warehouse/)')
    .option('--profiles-dir <dir>', 'folder holding profiles.yml (default: the project dir)')
    .addOption(
      new Option('--log-level <level>', 'log level').choices([
        'debug',
        'info',
        'warn',
        'error',
        'silent',
      ]),
    )
    .option(
      '--json',
      'machine-readable output: results as JSON on stdout, logs as JSON lines on stderr',
    )
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions(false)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride()

  let ctx: CliContext | undefined
  const context = (): CliContext => {
    if (ctx === undefined) {
      ctx = createContext(program.opts<GlobalOptions>(), io)
      onContext(ctx)
    }
    return ctx
  }

  registerDemo(program, context)
  registerDebug(program, context)
  registerExtract(program, context)
  registerReplay(program, context)
  registerSimulate(program, context)
  registerLoad(program, context)
  registerSql(program, context)
  registerBuild(program, context)
  registerRun(program, context)
  registerTest(program, context)
  registerSnapshot(program, context)
  registerSeed(program, context)
  registerCompile(program, context)
  registerLs(program, context)
  registerDocs(program, context)
  registerSource(program, context)
  registerTable(program, context)
  for (const spec of PLANNED_COMMANDS) registerPlanned(program, spec)

  // Subcommands inherit exit and output behaviour.
  const inherit = (cmd: Command): void => {
    for (const sub of cmd.commands) {
      sub.exitOverride().configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
      })
      inherit(sub)
    }
  }
  inherit(program)
  return program
}
