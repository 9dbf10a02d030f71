/**
 * The chain analysis inside the worker: the cluster judged against a chain template with
 * `@chainlens/core` only — `analyze()` for the report (report.json of DESIGN §6) and `whatIf()`
 * for "what if this company fails" — on one kept {@link ChainSession} per (cluster, template),
 * so that the report, the view's chain firms and every what-if share one chain context and one
 * cascade model (the same parameters as the report: θ = 1, r = 2, supply + inferred supply).
 */
import type { CascadeModel, ChainContext, ChainTemplate, Cluster, Dataset } from '@chainlens/core';
import {
  ANALYZE_DEFAULTS,
  analyze,
  cascadeModel,
  chainContext,
  chainFirms,
  clusterByRegion,
  normalizeRegion,
  regionParts,
  whatIf,
} from '@chainlens/core';
import type { ChainAnalysis, ClusterChoice, WhatIfData } from '../protocol.js';
import type { ChainGroupingInput } from './grouping.js';
import { t } from '../i18n.js';

/** Seed of the report (resilience order, Louvain), as `chainlens analyze` uses by default. */
export const CHAIN_SEED = 1;

export interface ChainSession {
  /** `<cluster key>|<template id>`. */
  key: string;
  template: ChainTemplate;
  cluster: Cluster;
  ctx: ChainContext;
  /** The cascade model of every what-if (report defaults: θ = 1, redundancy r = 2). */
  model: CascadeModel;
  /** The report, once analysed. */
  analysis?: ChainAnalysis;
}

/** A template by id: the dataset's own first, then the shared ones (datasets/templates). */
export function findTemplate(
  dataset: Dataset,
  shared: { template: ChainTemplate }[],
  id: string,
): ChainTemplate {
  const own = dataset.templates.find((t) => t.id === id);
  if (own) return own;
  const other = shared.find((s) => s.template.id === id);
  if (other) return other.template;
  throw new Error(t('viewer:error.unknownTemplate', { id }));
}

/**
 * The companies under study as a core `Cluster`, with the ids `chainlens analyze` gives them:
 * `region:<path>` (clusterByRegion), `all` (every company), `no-region`.
 */
export function clusterOf(dataset: Dataset, choice: ClusterChoice): Cluster {
  const { companies } = dataset;
  if (choice.kind === 'region') return clusterByRegion(companies, choice.path);
  if (choice.kind === 'all') {
    return { id: 'all', members: Int32Array.from(companies.ids, (_, i) => i) };
  }
  const members: number[] = [];
  companies.regions.forEach((r, i) => {
    if (regionParts(r).length === 0) members.push(i);
  });
  return { id: 'no-region', members: Int32Array.from(members) };
}

function clusterKey(choice: ClusterChoice): string {
  return choice.kind === 'region' ? `region:${normalizeRegion(choice.path)}` : choice.kind;
}

/**
 * The session of (cluster, template): the last one is kept, so the view, the report and the
 * what-ifs of one choice build the chain context once.
 */
export class ChainSessions {
  private last: ChainSession | undefined;

  constructor(
    private readonly dataset: Dataset,
    private readonly shared: { template: ChainTemplate }[],
  ) {}

  get(templateId: string, choice: ClusterChoice, minShare?: number): ChainSession {
    const key = `${clusterKey(choice)}|${templateId}|${minShare ?? ''}`;
    if (this.last?.key === key) return this.last;
    const template = findTemplate(this.dataset, this.shared, templateId);
    const cluster = clusterOf(this.dataset, choice);
    const ctx = chainContext(
      this.dataset,
      template,
      cluster,
      minShare === undefined ? {} : { minShare },
    );
    const model = cascadeModel(ctx, {
      theta: ANALYZE_DEFAULTS.theta,
      redundancy: ANALYZE_DEFAULTS.redundancy,
    });
    this.last = { key, template, cluster, ctx, model };
    return this.last;
  }
}

/**
 * Each chain firm's segments as segment numbers, largest membership share first (unknown shares
 * last, then template order), by company index.
 */
function heldSegments(ctx: ChainContext): Map<number, number[]> {
  const held = new Map<number, { s: number; share: number }[]>();
  for (let s = 0; s < ctx.structure.size; s++) {
    const members = ctx.localMembers[s]!;
    const shares = ctx.localShares[s]!;
    for (let i = 0; i < members.length; i++) {
      const c = members[i]!;
      let list = held.get(c);
      if (!list) held.set(c, (list = []));
      list.push({ s, share: shares[i]! });
    }
  }
  const out = new Map<number, number[]>();
  for (const [c, list] of held) {
    list.sort((a, b) => {
      const x = Number.isNaN(a.share) ? -1 : a.share;
      const y = Number.isNaN(b.share) ? -1 : b.share;
      return y - x || a.s - b.s;
    });
    out.set(
      c,
      list.map((e) => e.s),
    );
  }
  return out;
}

/**
 * Each chain firm's segments, largest membership share first (unknown shares last, then
 * template order): the first is the company's main segment, by which the page colours and
 * places it.
 */
export function companySegments(ctx: ChainContext): Record<string, string[]> {
  const { ids } = ctx.dataset.companies;
  const out: Record<string, string[]> = {};
  for (const [c, list] of heldSegments(ctx)) {
    out[ids[c]!] = list.map((s) => ctx.structure.ids[s]!);
  }
  return out;
}

/**
 * The chain grouping of a session, for the aggregated view (worker/view.ts): each company's
 * main segment (number), −1 outside the chain; the same main segment as {@link companySegments}.
 */
export function chainGrouping(session: ChainSession): ChainGroupingInput {
  const { ctx } = session;
  const main = new Int32Array(ctx.dataset.companies.ids.length).fill(-1);
  for (const [c, list] of heldSegments(ctx)) main[c] = list[0]!;
  return {
    firms: chainFirms(ctx),
    mainSegment: main,
    segmentIds: ctx.structure.ids,
    segmentNames: ctx.structure.names,
  };
}

const idIndexes = new WeakMap<object, Map<string, number>>();

/** Names of company ids (the id itself when unknown). */
export function namesOf(dataset: Dataset, ids: Iterable<string>): Record<string, string> {
  let index = idIndexes.get(dataset.companies);
  if (!index) {
    index = new Map(dataset.companies.ids.map((id, i) => [id, i]));
    idIndexes.set(dataset.companies, index);
  }
  const out: Record<string, string> = {};
  for (const id of ids) {
    const c = index.get(id);
    out[id] = c === undefined ? id : dataset.companies.names[c]!;
  }
  return out;
}

/** Runs core's `analyze()` for a session (cached in the session). */
export function analyzeChain(
  dataset: Dataset,
  session: ChainSession,
  onStep?: (step: string, done: number, total: number) => void,
): ChainAnalysis {
  if (session.analysis) return session.analysis;
  const report = analyze(dataset, {
    cluster: session.cluster,
    template: session.template,
    seed: CHAIN_SEED,
    minShare: session.ctx.membership.minShare,
    ...(onStep ? { onStep } : {}),
  });
  const mentioned = new Set<string>();
  for (const m of report.missingRoles) for (const id of m.neededBy) mentioned.add(id);
  for (const w of report.weakLinks) {
    for (const id of [w.company, w.source, w.target]) if (id) mentioned.add(id);
  }
  for (const c of report.critical) for (const id of c.cutOff) mentioned.add(id);
  session.analysis = {
    report,
    companySegments: companySegments(session.ctx),
    names: namesOf(dataset, mentioned),
  };
  return session.analysis;
}

/** "What if these companies fail": core's `whatIf` on the session's cascade model. */
export function whatIfChain(dataset: Dataset, session: ChainSession, remove: string[]): WhatIfData {
  const result = whatIf(session.model, { remove });
  const ids = [...result.removed.map((r) => r.company), ...result.cutOff.map((f) => f.company)];
  return { result, names: namesOf(dataset, ids) };
}
