/**
 * @module cli/commands/deps
 * `pitwall deps` (as `dbt deps`): installs the packages of packages.yml / dependencies.yml.
 */
import { defineCommand } from '../command-spec.js'

/** `pitwall deps`. */
export const depsCommand = defineCommand({
  name: 'deps',
  describe: (cmd) =>
    cmd.description(
      'install the packages of packages.yml / dependencies.yml into dbt_packages/ (local and tarball packages; as dbt deps)',
    ),
  load: () => import('../actions/deps.js'),
})
