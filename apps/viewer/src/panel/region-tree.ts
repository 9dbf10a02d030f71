/**
 * The region picker: a tree of region paths with company counts (children load when opened),
 * "all companies" and "no region" entries, and a filter box that lists matching regions flat.
 */
import type { ClusterChoice, RegionNode } from '../protocol.js';
import { count, el, replace } from '../dom.js';
import { t } from '../i18n.js';

export function sameCluster(a: ClusterChoice, b: ClusterChoice): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== 'region' || a.path === (b as { path: string }).path;
}

export class RegionTree {
  private tree: RegionNode | undefined;
  private withoutRegion = 0;
  private chosen: ClusterChoice = { kind: 'all' };
  private open = new Set<string>();
  private readonly list: HTMLElement;
  private readonly filter: HTMLInputElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly onChoose: (choice: ClusterChoice) => void,
  ) {
    this.filter = el('input', {
      class: 'filter',
      attrs: { type: 'search' },
    });
    this.labelFilter();
    this.filter.addEventListener('input', () => this.render());
    this.list = el('ul', { class: 'tree', attrs: { role: 'tree' } });
    replace(root, this.filter, this.list);
  }

  setTree(tree: RegionNode, companiesWithRegion: number): void {
    this.tree = tree;
    this.withoutRegion = tree.count - companiesWithRegion;
    this.open.clear();
    this.filter.value = '';
    this.render();
  }

  /** Redraws in the current language. */
  relabel(): void {
    this.labelFilter();
    this.render();
  }

  private labelFilter(): void {
    this.filter.placeholder = t('viewer:region.filter');
    this.filter.setAttribute('aria-label', t('viewer:region.filter.aria'));
  }

  setChosen(choice: ClusterChoice): void {
    this.chosen = choice;
    if (choice.kind === 'region') {
      const parts = choice.path.split('/');
      for (let i = 1; i < parts.length; i++) this.open.add(parts.slice(0, i).join('/'));
    }
    this.render();
  }

  private item(
    label: string,
    n: number,
    choice: ClusterChoice,
    depth: number,
    node?: RegionNode,
  ): HTMLElement {
    const hasChildren = !!node && node.children.length > 0;
    const isOpen = !!node && this.open.has(node.path);
    const toggle = el(
      'button',
      {
        class: 'twisty',
        attrs: {
          'aria-label': isOpen ? t('viewer:region.collapse') : t('viewer:region.expand'),
          tabindex: '-1',
        },
        on: {
          click: (e) => {
            e.stopPropagation();
            if (!node) return;
            if (isOpen) this.open.delete(node.path);
            else this.open.add(node.path);
            this.render();
          },
        },
      },
      hasChildren ? (isOpen ? '▾' : '▸') : '',
    );
    const selected = sameCluster(choice, this.chosen);
    const row = el(
      'li',
      {
        class: `region${selected ? ' selected' : ''}`,
        attrs: {
          role: 'treeitem',
          'aria-selected': String(selected),
          'data-path': choice.kind === 'region' ? choice.path : `:${choice.kind}`,
        },
        on: { click: () => this.onChoose(choice) },
      },
      toggle,
      el('span', { class: 'name' }, label),
      el('span', { class: 'count' }, count(n)),
    );
    row.style.setProperty('--depth', String(depth));
    return row;
  }

  private render(): void {
    const tree = this.tree;
    if (!tree) {
      replace(this.list);
      return;
    }
    const rows: HTMLElement[] = [];
    const q = this.filter.value.trim();
    if (q !== '') {
      const walk = (n: RegionNode) => {
        for (const c of n.children) {
          if (c.path.includes(q))
            rows.push(this.item(c.path, c.count, { kind: 'region', path: c.path }, 0));
          walk(c);
        }
      };
      walk(tree);
      if (rows.length === 0) rows.push(el('li', { class: 'muted' }, t('viewer:region.noMatch')));
      replace(this.list, ...rows.slice(0, 300));
      return;
    }
    rows.push(this.item(t('viewer:cluster.all'), tree.count, { kind: 'all' }, 0));
    const walk = (n: RegionNode, depth: number) => {
      for (const c of n.children) {
        rows.push(this.item(c.name, c.count, { kind: 'region', path: c.path }, depth, c));
        if (this.open.has(c.path)) walk(c, depth + 1);
      }
    };
    walk(tree, 0);
    if (this.withoutRegion > 0) {
      rows.push(this.item(t('viewer:region.none'), this.withoutRegion, { kind: 'no-region' }, 0));
    }
    replace(this.list, ...rows);
  }
}
