/** Words and units every output shares (English). Keys: see ../zh-CN/common.ts. */
export const common = {
  firms_one: '{{n}} company',
  firms_other: '{{n}} companies',
  listSeparator: ', ',
  unknown: '—',
  'stage.upstream': 'upstream',
  'stage.midstream': 'midstream',
  'stage.downstream': 'downstream',
  'stage.overall': 'overall',
} as const;
