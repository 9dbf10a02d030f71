/**
 * The product vocabulary (`id,name,kind`) and the links between products
 * (`source,target,type,weight`, type `input_of` or `subcategory_of`). Datasets that list
 * products instead of segments (the listed-company chain graph) use them: memberships name
 * products, templates' `includes` rules map products onto segments, and the links feed the
 * template extractor.
 */
import type { ProductLinkTable, ProductLinkType, ProductTable } from '@chainlens/core';
import { PRODUCT_LINK_TYPES } from '@chainlens/core';
import type { IssueLog } from '../issues.js';
import { clip } from '../numbers.js';
import type { TableInput } from './common.js';
import { emptyAttributes, pushExtras, runTable, uniqueId, idIndex } from './common.js';

export const PRODUCTS = {
  table: 'products',
  required: ['id'],
  optional: ['name', 'kind'],
} as const;
export const PRODUCT_LINKS = {
  table: 'productLinks',
  required: ['source', 'target', 'type'],
  optional: ['weight'],
} as const;

export function readProducts(input: TableInput, log: IssueLog): ProductTable {
  const products: ProductTable = { ids: [], names: [], kinds: [], attributes: {} };
  const firstRow = idIndex();
  const run = runTable(input, PRODUCTS, log, (row) => {
    // Product names come from free text: a near-twin (full-width letters, an invisible
    // character) is warned and kept, as merging them changes which segment a line matches.
    const id = uniqueId(row, 'product', firstRow, 'warning');
    if (id === undefined) return;
    products.ids.push(id);
    products.names.push(row.get('name').trim() || id);
    products.kinds.push(row.get('kind').trim());
    pushExtras(products.attributes, row.extraColumns, row.extras());
  });
  products.attributes = { ...emptyAttributes(run.extraColumns), ...products.attributes };
  return products;
}

export function readProductLinks(
  input: TableInput,
  log: IssueLog,
  products: ProductTable,
  productsFile: string,
): ProductLinkTable {
  const index = new Map(products.ids.map((id, i) => [id, i]));
  const source: number[] = [];
  const target: number[] = [];
  const type: ProductLinkType[] = [];
  const weight: number[] = [];
  runTable(input, PRODUCT_LINKS, log, (row) => {
    const ends = (['source', 'target'] as const).map((column) => {
      const id = row.get(column).trim();
      if (id === '') return row.reject('empty-id', column, { form: 'product', what: column });
      const i = index.get(id);
      if (i === undefined)
        return row.reject('unknown-product', column, { id: clip(id), file: productsFile });
      return i;
    });
    const t = row.get('type').trim();
    if (!(PRODUCT_LINK_TYPES as readonly string[]).includes(t))
      row.reject('unknown-type', 'type', {
        form: 'product',
        type: clip(t),
        known: PRODUCT_LINK_TYPES,
      });
    if (ends[0] !== undefined && ends[0] === ends[1])
      row.reject('self-loop', 'target', { form: 'product', id: clip(row.get('source')) });
    const w = row.number('weight', (v) => (v < 0 ? 'negative' : undefined));
    if (row.rejected || w === undefined) return;
    source.push(ends[0]!);
    target.push(ends[1]!);
    type.push(t as ProductLinkType);
    weight.push(w ?? 1);
  });
  return {
    source: Int32Array.from(source),
    target: Int32Array.from(target),
    type,
    weight: Float64Array.from(weight),
  };
}
