/** Names of the data's fixed vocabularies (relation types, stages) in the run's language. */
import type { Translator } from '@chainlens/core';

/** A relation type as the reader knows it: the id in English, 供应 / 推断供应 … in Chinese. */
export function relationName(tr: Translator, type: string): string {
  return tr.t(`cli:relation.${type}`, { defaultValue: type });
}
