/**
 * The details panel: one company (region, attributes, memberships, metrics in the view,
 * suppliers / customers / partners as clickable lists, focus buttons), or one community node
 * of the aggregated view with its Expand button.
 */
import { count, el, replace } from '../dom.js';
import type { CompanyDetails, Neighbour } from '../protocol.js';
import type { Direction } from '../graph/steps.js';

export interface DetailsActions {
  /** Open another company's details (and select it if drawn). */
  openCompany(id: string): void;
  /** Focus the graph on the company's neighbourhood: `steps` Infinity = to the chain's end. */
  focus(direction: Direction, steps: number): void;
  clearFocus(): void;
}

const shareText = (s: number) => (Number.isNaN(s) ? 'share unknown' : `${(100 * s).toFixed(1)}%`);

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
      `${title} (${count(items.length)}${outside ? `, ${count(outside)} outside the view` : ''})`,
    ),
    items.length === 0
      ? el('p', { class: 'muted' }, 'None in the data.')
      : el(
          'ul',
          { class: 'links' },
          ...items.map((n) =>
            el(
              'li',
              { class: n.inView ? '' : 'outside' },
              el(
                'button',
                {
                  class: 'link',
                  title: `${n.id} · ${n.region || 'no region'} · ${n.types.join(', ')}`,
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
            title: s === Infinity ? 'all the way along the chain' : `${s} step${s > 1 ? 's' : ''}`,
            on: { click: () => actions.focus(direction, s) },
          },
          s === Infinity ? 'n' : String(s),
        ),
      ),
    );
  replace(
    root,
    el('h3', { class: 'company-name', attrs: { 'data-testid': 'company-name' } }, d.name),
    el('p', { class: 'muted' }, `${d.id} · ${d.region || 'no region'}`),
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
              'Neighbours',
            ),
            el('button', { on: { click: () => actions.clearFocus() } }, 'Clear focus'),
          ),
          stepButtons('upstream', 'Upstream (suppliers)'),
          stepButtons('downstream', 'Downstream (customers)'),
        )
      : el(
          'p',
          { class: 'muted' },
          'Not drawn in the current view (outside the cluster, hidden, or inside a community node).',
        ),
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
          el('summary', null, 'Attributes'),
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
            `Segments / products (${count(d.memberships.length + d.membershipsNotListed)})`,
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
            ? el('p', { class: 'muted' }, `${count(d.membershipsNotListed)} more`)
            : null,
        )
      : null,
    neighbourList('Suppliers', d.suppliers, actions, 'suppliers'),
    neighbourList('Customers', d.customers, actions, 'customers'),
    d.partners.length
      ? neighbourList('Partners (collaboration)', d.partners, actions, 'partners')
      : null,
    d.neighboursNotListed
      ? el('p', { class: 'muted' }, `${count(d.neighboursNotListed)} more partners not listed.`)
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
  const what =
    info.kind === 'community'
      ? 'A community of'
      : info.kind === 'segment'
        ? 'A chain segment: the'
        : 'The';
  const whose =
    info.kind === 'community'
      ? 'companies (Louvain)'
      : info.kind === 'segment'
        ? 'companies whose main segment it is (largest membership share)'
        : 'companies outside this chain';
  replace(
    root,
    el('h3', null, info.label),
    el(
      'p',
      null,
      `${what} ${count(info.companies)} ${whose}, drawn as one node because the view is large.`,
    ),
    el(
      'button',
      { class: 'primary', on: { click: expand }, attrs: { 'data-testid': 'expand' } },
      'Expand into companies',
    ),
  );
}

export function renderEmptyDetails(root: HTMLElement): void {
  replace(
    root,
    el(
      'p',
      { class: 'muted' },
      'Click a company in the graph, or search for one, to see its details: region, segments, metrics, suppliers and customers.',
    ),
  );
}
