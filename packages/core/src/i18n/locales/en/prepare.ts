/**
 * `chainlens prepare` and the prepared form of a dataset folder (@chainlens/scale prepared.ts):
 * help, what prepare prints, and the line a command prints when it reads the prepared form or
 * finds it out of date.
 */
export const prepare = {
  help: 'read a dataset folder once and keep its checked tables as typed columns in DIR/.chainlens/prepared.bin, which analyze, compare and metrics then read in seconds',
  'help.arg': 'the dataset folder (with chainlens.json)',
  notFolder: "'{{path}}' is not a dataset folder: prepare takes a folder with a chainlens.json",
  done: 'Prepared {{name}} ({{status}}): {{companies}} companies, {{relations}} relations, {{memberships}} memberships → {{file}} ({{size}}) in {{seconds}} s (reading {{read}} s, writing {{write}} s)',
  stamps:
    'It is used while the {{files}} files of the folder keep their size, modification time and first and last 64 KiB; any change makes commands read the tables again until you prepare anew.',
  used: 'Read the prepared form {{file}} ({{size}}, prepared from {{files}} unchanged files) in {{seconds}} s',
  stale:
    'The prepared form {{file}} is out of date ({{reason}}): reading the tables instead; run `chainlens prepare {{dir}}` again to make later commands fast',
  'reason.added': '{{changed}} was added',
  'reason.removed': '{{changed}} was removed',
  'reason.size': '{{changed}} changed size',
  'reason.mtime': '{{changed}} was modified',
  'reason.contents': 'the contents of {{changed}} changed',
  oldFormat:
    'The prepared form {{file}} was written by another version of chainlens: reading the tables instead; run `chainlens prepare {{dir}}` again',
} as const;
