/**
 * @module cli/commands/principals
 * `pitwall principals [create|drop|add-member|remove-member]`: users, service principals and
 * groups (kept in the target catalog's `system.principals` and `system.group_members`).
 */
import { collect, defineCommand } from '../command-spec.js'

const create = defineCommand({
  name: 'create',
  describe: (cmd) =>
    cmd
      .description('create a user, service principal or group')
      .argument('<name>', 'lower-case letters, digits, _ . - @')
      .option('--kind <kind>', 'user, service_principal or group', 'user')
      .option('--description <text>', 'what it is for', '')
      .option('--member-of <groups>', 'groups it joins (comma-separated, repeatable)', collect),
  load: () => import('../actions/principals-create.js'),
})

const drop = defineCommand({
  name: 'drop',
  describe: (cmd) =>
    cmd
      .description('drop a principal (its memberships go; its tokens stop working)')
      .argument('<name>', 'the principal'),
  load: () => import('../actions/principals-drop.js'),
})

const addMember = defineCommand({
  name: 'add-member',
  describe: (cmd) =>
    cmd
      .description('add a principal to a group')
      .argument('<group>', 'the group')
      .argument('<member>', 'the user, service principal or group joining it'),
  load: () => import('../actions/principals-members.js'),
})

const removeMember = defineCommand({
  name: 'remove-member',
  describe: (cmd) =>
    cmd
      .description('remove a principal from a group')
      .argument('<group>', 'the group')
      .argument('<member>', 'the member leaving it'),
  load: () => import('../actions/principals-members.js'),
})

/** `pitwall principals`. */
export const principalsCommand = defineCommand({
  name: 'principals',
  describe: (cmd) =>
    cmd.description('list principals (users, service principals, groups) and their groups'),
  load: () => import('../actions/principals-list.js'),
  subcommands: [create, drop, addMember, removeMember],
})
