/**
 * @module cli/program
 * The commander program: global options, every command spec of `commands/index.ts` and the
 * planned ones. Light on purpose: building it loads commander and the specs only; a command's
 * action module, the context (config, logger) and everything below load when the command runs.
 */
import { Command, Help, Option } from 'commander'
import type { ActionModule, CommandSpec } from './command-spec.js'
import { COMMANDS } from './commands/index.js'
import { PLANNED_COMMANDS, registerPlanned } from './commands/planned.js'
import type { CliContext, GlobalOptions } from './context.js'
import type { CliIo } from './io.js'

/**
 * Shown in `pitwall --help` only. `--version` is read by `runCli` before commander parses
 * (see `versionRequested`), never registered as an option: a global option would swallow a
 * command's own `--version N` (`table scan t --version`) and make `build --version` succeed.
 */
const VERSION_HELP = new Option('-V, --version', 'output the version number')

/** Builds the program. `onContext` receives the context the running command created. */
export function buildProgram(io: CliIo, onContext: (ctx: CliContext) => void): Command {
  const program = new Command('pitwall')
  let drawingHelp = false
  program
    .description(
      'pitwall: a Formula 1 lakehouse. OpenF1 → Delta Lake bronze/silver/gold → dbt-style models → API and dashboard.',
    )
    .option(
      '--home <dir>',
      'lakehouse home: landing zone, Delta tables, artifacts (env PITWALL_HOME)',
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
    .configureHelp({
      // Listed while help is drawn only: commander's "did you mean" reads the same list.
      formatHelp(cmd: Command, helper: Help) {
        drawingHelp = true
        try {
          return Help.prototype.formatHelp.call(this, cmd, helper)
        } finally {
          drawingHelp = false
        }
      },
      visibleOptions(cmd: Command) {
        const options = Help.prototype.visibleOptions.call(this, cmd)
        return drawingHelp && cmd === program ? [VERSION_HELP, ...options] : options
      },
    })

  let ctx: CliContext | undefined
  const context = async (): Promise<CliContext> => {
    if (ctx === undefined) {
      const { createContext } = await import('./context.js')
      ctx = createContext(program.opts<GlobalOptions>(), io)
      onContext(ctx)
    }
    return ctx
  }

  for (const spec of COMMANDS) addCommand(program, spec, context)
  for (const spec of PLANNED_COMMANDS) registerPlanned(program, spec)

  // Every command writes through `io` and throws instead of exiting the process.
  const configure = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    for (const sub of cmd.commands) configure(sub)
  }
  configure(program)
  return program
}

/** Registers `spec` under `parent`; its action module loads only when it runs. */
function addCommand(parent: Command, spec: CommandSpec, context: () => Promise<CliContext>): void {
  const cmd = spec.describe(parent.command(spec.name))
  for (const sub of spec.subcommands ?? []) addCommand(cmd, sub, context)
  const load = spec.load
  if (load === undefined) return
  cmd.action(async (...params: unknown[]) => {
    // commander calls an action with (...arguments, options, command).
    const command = params[params.length - 1] as Command
    const opts = params[params.length - 2] as Record<string, unknown>
    const args = params.slice(0, -2)
    const [module, c] = await Promise.all([load() as Promise<ActionModule>, context()])
    await module.run(c, { args, opts, command })
  })
}

/** Global options that take a value (skipped when looking for the command name). */
const VALUE_OPTIONS = new Set([
  '--home',
  '--target',
  '--project-dir',
  '--profiles-dir',
  '--log-level',
])

/**
 * True when `argv` asks for pitwall's version: `-V`/`--version` before any command name
 * (`pitwall --version`, `pitwall --home x -V`). After a command it is that command's business.
 */
export function versionRequested(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--version' || a === '-V') return true
    if (a === '--') return false
    if (VALUE_OPTIONS.has(a)) i++
    else if (!a.startsWith('-')) return false
  }
  return false
}
