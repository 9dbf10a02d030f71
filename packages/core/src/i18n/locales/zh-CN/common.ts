import type { CatalogueOf } from '../types.js';
import type { common as en } from '../en/common.js';

/** 各类输出共用的词语与单位（中文）。 */
export const common = {
  firms_other: '{{n}} 家',
  listSeparator: '、',
  unknown: '—',
  'stage.upstream': '上游',
  'stage.midstream': '中游',
  'stage.downstream': '下游',
  'stage.overall': '全链',
} satisfies CatalogueOf<typeof en>;
