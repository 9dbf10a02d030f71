// Copies the Chainlens-shaped view of the CSET ETO chip supply chain from ../shared into this
// folder and names it. Run from anywhere: node datasets/eto-semiconductors/derive.mjs [--shared DIR]
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({ options: { shared: { type: 'string' } } });
const shared = resolve(values.shared ?? join(here, '../../../shared'));
const source = join(shared, 'datasets/eto-semiconductor-supply-chain');

for (const file of ['companies.csv', 'memberships.csv', 'relations.csv']) {
  copyFileSync(join(source, file), join(here, file));
}
mkdirSync(join(here, 'templates'), { recursive: true });
for (const file of readdirSync(join(source, 'templates'))) {
  copyFileSync(join(source, 'templates', file), join(here, 'templates', file));
}
const manifest = JSON.parse(readFileSync(join(source, 'chainlens.json'), 'utf8'));
const named = {
  name: 'eto-semiconductors',
  description:
    'Advanced logic chip supply chain (CSET Emerging Technology Observatory, Supply Chain Explorer): firms with HQ country as region, their market shares per input, and two chain templates.',
  license: 'CC BY-NC 4.0; attribute "Emerging Technology Observatory, CSET, Georgetown University"',
  ...manifest,
};
named.name = 'eto-semiconductors';
writeFileSync(join(here, 'chainlens.json'), `${JSON.stringify(named, null, 2)}\n`);
console.log(`copied from ${source}`);
