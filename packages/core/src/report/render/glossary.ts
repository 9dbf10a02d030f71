/**
 * The glossary (术语说明) every report ends with: for each figure its name, one plain sentence on
 * what it measures and one on how to read it (namespace `glossary`), and the repository path of its
 * formula page. The path is given as text (`docs/chain-analysis/…` in the Chainlens repository):
 * report.md and report.html are written outside the repository, so a relative link could not
 * resolve.
 */
import type { Translator } from '../../i18n/translator.js';
import { escapeHtml as h } from './escape.js';
import { EN } from './words.js';

/** Every figure the glossary explains, in report order, with its formula page. */
export const GLOSSARY: ReadonlyArray<{ id: string; doc: string }> = [
  { id: 'coverage', doc: 'docs/chain-analysis/completeness.md' },
  { id: 'redundancy', doc: 'docs/chain-analysis/completeness.md' },
  { id: 'link', doc: 'docs/chain-analysis/completeness.md' },
  { id: 'path', doc: 'docs/chain-analysis/completeness.md' },
  { id: 'localSupply', doc: 'docs/chain-analysis/completeness.md' },
  { id: 'hhi', doc: 'docs/chain-analysis/weak-links.md' },
  { id: 'singleSource', doc: 'docs/chain-analysis/weak-links.md' },
  { id: 'concentrated', doc: 'docs/chain-analysis/weak-links.md' },
  { id: 'cutPoint', doc: 'docs/chain-analysis/weak-links.md' },
  { id: 'bridge', doc: 'docs/chain-analysis/weak-links.md' },
  { id: 'externalOnly', doc: 'docs/chain-analysis/weak-links.md' },
  { id: 'missingUpstream', doc: 'docs/chain-analysis/missing-roles.md' },
  { id: 'missingDownstream', doc: 'docs/chain-analysis/missing-roles.md' },
  { id: 'leader', doc: 'docs/chain-analysis/leaders.md' },
  { id: 'target', doc: 'docs/chain-analysis/targets.md' },
  { id: 'criticality', doc: 'docs/chain-analysis/criticality.md' },
  { id: 'cascade', doc: 'docs/chain-analysis/cascade.md' },
  { id: 'resilience', doc: 'docs/chain-analysis/resilience.md' },
  { id: 'minShare', doc: 'docs/chain-analysis/membership.md' },
  { id: 'density', doc: 'docs/chain-analysis/related.md' },
];

/** A figure's name, what it measures and how to read it, in the translator's language. */
export function glossaryEntry(
  id: string,
  tr: Translator = EN,
): { name: string; what: string; read: string } {
  return {
    name: tr.t(`glossary:${id}.name`),
    what: tr.t(`glossary:${id}.what`),
    read: tr.t(`glossary:${id}.read`),
  };
}

/** The `.what` sentence of a figure, for a tooltip (`title`) on its label. */
export function glossaryTip(id: string, tr: Translator = EN): string {
  return tr.t(`glossary:${id}.what`);
}

/** The glossary as a Markdown section (`## Glossary` / `## 术语说明`), one bullet per figure. */
export function glossaryMarkdown(tr: Translator = EN): string {
  const lines = [`## ${tr.t('glossary:title')}`, '', tr.t('glossary:intro'), ''];
  for (const { id, doc } of GLOSSARY) {
    const e = glossaryEntry(id, tr);
    lines.push(
      `- ${tr.t('glossary:entry', { ...e, formula: tr.t('glossary:formula', { path: doc }) })}`,
    );
  }
  return lines.join('\n');
}

/** The glossary as an HTML section (`<section id="glossary">`), the `.what` sentence also as a tooltip. */
export function glossaryHtml(tr: Translator = EN): string {
  const items = GLOSSARY.map(({ id, doc }) => {
    const e = glossaryEntry(id, tr);
    return (
      `<dt id="glossary-${h(id)}" title="${h(e.what)}">${h(e.name)}</dt>` +
      `<dd><span class="what">${h(e.what)}</span> <span class="read">${h(e.read)}</span> ` +
      `<span class="doc dim">${h(tr.t('glossary:formula', { path: '' }))}<code>${h(doc)}</code></span></dd>`
    );
  });
  return (
    `<section id="glossary"><h2>${h(tr.t('glossary:title'))}</h2>` +
    `<p class="lede">${h(tr.t('glossary:intro'))}</p><dl class="glossary">${items.join('')}</dl></section>`
  );
}
