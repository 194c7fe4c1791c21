/**
 * @module cli/commands/tokens
 * `pitwall tokens create|list|revoke`: bearer tokens for the API (stored as hashes only; the
 * token is shown once, at creation).
 */
import { defineCommand } from '../command-spec.js'

const create = defineCommand({
  name: 'create',
  describe: (cmd) =>
    cmd
      .description('create a bearer token for a principal; it is printed once, never stored')
      .requiredOption('--principal <name>', 'the principal the token acts as (e.g. data_analysts)')
      .option('--expires-in <duration>', 'lifetime: 30m, 12h, 90d, 1y', '90d')
      .option('--comment <text>', 'what it is for'),
  load: () => import('../actions/tokens-create.js'),
})

const list = defineCommand({
  name: 'list',
  describe: (cmd) =>
    cmd
      .description('list tokens (ids, principals, expiry, revocation; never the tokens)')
      .option('--principal <name>', 'only this principal’s'),
  load: () => import('../actions/tokens-list.js'),
})

const revoke = defineCommand({
  name: 'revoke',
  describe: (cmd) =>
    cmd
      .description('revoke a token by its id')
      .argument('<token_id>', 'the id `tokens list` shows'),
  load: () => import('../actions/tokens-revoke.js'),
})

/** `pitwall tokens`. */
export const tokensCommand = defineCommand({
  name: 'tokens',
  describe: (cmd) => cmd.description('bearer tokens for the API: create, list, revoke'),
  subcommands: [create, list, revoke],
})
