/**
 * The details panel: one company (region, attributes, memberships, metrics in the view,
 * suppliers / customers / partners as clickable lists, focus buttons), or one community node
 * of the aggregated view with its Expand button.
 */
import { count, el, replace } from '../dom.js';
import { t, tr } from '../i18n.js';
import type { CompanyDetails, Neighbour } from '../protocol.js';
import type { Direction } from '../graph/steps.js';

export interface DetailsActions {
  /** Open another company's details (and select it if drawn). */
  openCompany(id: string): void;
  /** Focus the graph on the company's neighbourhood: `steps` Infinity = to the chain's end. */
  focus(direction: Direction, steps: number): void;
  clearFocus(): void;
}

const shareText = (s: number) =>
  Number.isNaN(s) ? t('viewer:details.shareUnknown') : `${(100 * s).toFixed(1)}%`;

function neighbourList(
  title: string,
  items: Neighbour[],
  actions: DetailsActions,
  testid: string,
): HTMLElement {
  const outside = items.filter((n) => !n.inView).length;
  return el(
    'section',
    { class: 'neighbours', attrs: { 'data-testid': testid } },
    el(
      'h4',
      null,
      outside
        ? t('viewer:details.listOutside', {
            title,
            n: count(items.length),
            outside: count(outside),
          })
        : `${title} (${count(items.length)})`,
    ),
    items.length === 0
      ? el('p', { class: 'muted' }, t('viewer:details.none'))
      : el(
          'ul',
          { class: 'links' },
          ...items.map((n) =>
            el(
              'li',
              { class: n.inView ? '' : 'outside', attrs: { 'data-company': n.id } },
              el(
                'button',
                {
                  class: 'link',
                  title: `${n.id} · ${n.region || t('viewer:noRegion')} · ${tr().list(
                    n.types.map((x) => t(`viewer:relation.${x}`)),
                  )}`,
                  on: { click: () => actions.openCompany(n.id) },
                },
                n.name,
              ),
              el('span', { class: 'muted small' }, ` ${n.region || ''}`),
            ),
          ),
        ),
  );
}

/**
 * Renders a company's details; returns the (empty) section where the page puts the company's
 * place in the chain and its "what if this company fails" (panel/what-if.ts).
 */
export function renderCompany(
  root: HTMLElement,
  d: CompanyDetails,
  actions: DetailsActions,
  drawn: boolean,
): HTMLElement {
  const chain = el('section', {
    class: 'company-chain',
    attrs: { 'data-testid': 'company-chain' },
  });
  const stepButtons = (direction: Direction, label: string) =>
    el(
      'div',
      { class: 'steps' },
      el('span', { class: 'steps-label' }, label),
      ...[1, 2, Infinity].map((s) =>
        el(
          'button',
          {
            attrs: { 'data-steps': `${direction}-${s === Infinity ? 'n' : s}` },
            title:
              s === Infinity
                ? t('viewer:details.allSteps')
                : t('viewer:details.steps', { count: s }),
            on: { click: () => actions.focus(direction, s) },
          },
          s === Infinity ? 'n' : String(s),
        ),
      ),
    );
  replace(
    root,
    el('h3', { class: 'company-name', attrs: { 'data-testid': 'company-name' } }, d.name),
    el('p', { class: 'muted' }, `${d.id} · ${d.region || t('viewer:noRegion')}`),
    drawn
      ? el(
          'div',
          { class: 'focus-tools' },
          el(
            'div',
            { class: 'row' },
            el(
              'button',
              {
                on: { click: () => actions.focus('both', 1) },
                attrs: { 'data-testid': 'neighbours' },
              },
              t('viewer:details.neighbours'),
            ),
            el(
              'button',
              { on: { click: () => actions.clearFocus() } },
              t('viewer:details.clearFocus'),
            ),
          ),
          stepButtons('upstream', t('viewer:details.upstream')),
          stepButtons('downstream', t('viewer:details.downstream')),
        )
      : el('p', { class: 'muted' }, t('viewer:details.notDrawn')),
    chain,
    d.metrics.length
      ? el(
          'table',
          { class: 'kv' },
          el(
            'tbody',
            null,
            ...d.metrics.map((m) =>
              el('tr', null, el('th', null, m.label), el('td', null, m.value)),
            ),
          ),
        )
      : null,
    d.attributes.length
      ? el(
          'details',
          { attrs: { open: '' } },
          el('summary', null, t('viewer:details.attributes')),
          el(
            'table',
            { class: 'kv' },
            el(
              'tbody',
              null,
              ...d.attributes.map((a) =>
                el('tr', null, el('th', null, a.column), el('td', null, a.value)),
              ),
            ),
          ),
        )
      : null,
    d.memberships.length
      ? el(
          'details',
          { attrs: { open: '' } },
          el(
            'summary',
            null,
            t('viewer:details.memberships', {
              n: count(d.memberships.length + d.membershipsNotListed),
            }),
          ),
          el(
            'ul',
            { class: 'memberships' },
            ...d.memberships.map((m) =>
              el(
                'li',
                null,
                el('span', null, m.item),
                el('span', { class: 'muted small' }, ` ${shareText(m.share)}`),
              ),
            ),
          ),
          d.membershipsNotListed
            ? el(
                'p',
                { class: 'muted' },
                t('viewer:details.more', { n: count(d.membershipsNotListed) }),
              )
            : null,
        )
      : null,
    neighbourList(t('viewer:details.suppliers'), d.suppliers, actions, 'suppliers'),
    neighbourList(t('viewer:details.customers'), d.customers, actions, 'customers'),
    d.partners.length
      ? neighbourList(t('viewer:details.partners'), d.partners, actions, 'partners')
      : null,
    d.neighboursNotListed
      ? el(
          'p',
          { class: 'muted' },
          t('viewer:details.morePartners', { n: count(d.neighboursNotListed) }),
        )
      : null,
  );
  return chain;
}

/**
 * A group node of the aggregated view (a Louvain community, a chain segment, or the companies
 * outside the chain) with its "Expand into companies" button.
 */
export function renderGroup(
  root: HTMLElement,
  info: { label: string; companies: number; kind: 'community' | 'segment' | 'not-in-chain' },
  expand: () => void,
): void {
  const key =
    info.kind === 'community'
      ? 'viewer:details.group.community'
      : info.kind === 'segment'
        ? 'viewer:details.group.segment'
        : 'viewer:details.group.outside';
  replace(
    root,
    el('h3', null, info.label),
    el('p', null, t(key, { count: info.companies, n: count(info.companies) })),
    el(
      'button',
      { class: 'primary', on: { click: expand }, attrs: { 'data-testid': 'expand' } },
      t('viewer:details.expand'),
    ),
  );
}

export function renderEmptyDetails(root: HTMLElement): void {
  replace(root, el('p', { class: 'muted' }, t('viewer:details.empty')));
}
