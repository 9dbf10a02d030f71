/**
 * A registry export's 登记状态 (registration status) read as operating, closed or unknown: 注销,
 * 吊销, 迁出 and the like leave a firm out of the cluster (unless the export dates its closing);
 * 存续/在业 keep it.
 */

/** Statuses of firms that no longer operate: left out of the cluster. */
export const CLOSED = [
  '注销',
  '吊销',
  '迁出',
  '停业',
  '歇业',
  '清算',
  '撤销',
  '责令关闭',
  '关闭',
  '破产',
  '除名',
  'deregistered',
  'revoked',
  'closed',
  'liquidation',
  'moved out',
];
/** Statuses of operating firms. */
export const OPERATING = [
  '存续',
  '在业',
  '开业',
  '在营',
  '正常',
  '登记成立',
  '营业',
  'active',
  'operating',
  'in business',
  'existing',
];

/** 'operating', 'closed' or 'unknown' for a status text. */
export function statusGroup(status: string): 'operating' | 'closed' | 'unknown' {
  const s = status.trim().toLowerCase();
  if (s === '') return 'unknown';
  if (CLOSED.some((w) => s.includes(w))) return 'closed';
  if (OPERATING.some((w) => s.includes(w))) return 'operating';
  return 'unknown';
}

/** Rank of a status group when one credit code is listed twice: the live row is kept. */
export const LIVE_RANK = { operating: 2, unknown: 1, closed: 0 } as const;
