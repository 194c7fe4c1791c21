/**
 * @module cli/transform-options
 * The options the transformation commands share, as in dbt: selection (`-s`, `--exclude`,
 * `--selector`, `--vars`, `--state`) for `build`, `run`, `test`, `seed`, `snapshot`, `compile`
 * and `ls`, and the run options of the first five. Describing only: no parsing, no loading.
 */
import { Option, type Command } from 'commander'

/** The five commands that run nodes. */
export type RunCommandName = 'build' | 'run' | 'test' | 'seed' | 'snapshot'

/** Adds the selection options shared by the transformation commands. */
export function selectionOptions(cmd: Command): Command {
  return cmd
    .option(
      '-s, --select <selector...>',
      'nodes to include (e.g. +silver_laps, tag:gold, path:models/silver, state:modified)',
    )
    .option('--exclude <selector...>', 'nodes to leave out')
    .option('--selector <name>', 'a named selector of selectors.yml')
    .option('--vars <yaml>', "variables, e.g. '{season: 2024}'")
    .option(
      '--state <dir>',
      'folder with the manifest.json/run_results.json of an earlier run (for state: and result:)',
    )
}

/** Adds the options of a run command (`build`, `run`, `test`, `seed`, `snapshot`). */
export function runCommandOptions(cmd: Command, name: RunCommandName): Command {
  selectionOptions(cmd)
  if (name !== 'test')
    cmd.option('--full-refresh', 'rebuild incremental models (and reload seeds) from scratch')
  if (name === 'build' || name === 'test')
    cmd.option('--store-failures', 'keep the failing rows of every test in a table')
  if (name === 'build' || name === 'run') {
    cmd
      .option('--empty', 'build models from zero-row refs and sources (checks SQL and schemas)')
      .option('--event-time-start <date>', 'microbatch models: backfill the batches from this date')
      .option('--event-time-end <date>', 'microbatch models: … up to this date (default now)')
  }
  cmd.option('-x, --fail-fast', 'stop at the first error or failure (the rest is skipped)')
  cmd.addOption(new Option('--threads <n>', 'nodes to run at once (default: the target’s threads)'))
  return cmd
}
