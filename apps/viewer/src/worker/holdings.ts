/**
 * A company against the chosen chain, for the details panel: the segments it holds anywhere in
 * the dataset (the chain context's membership, core's segmentMembership over every company),
 * whether it lies in the cluster, and the cluster's firms that buy from it (the context's supply
 * relations, which hold every edge touching the cluster). No analysis of its own: core's
 * figures, gathered for one company.
 */
import { heldShare, segmentsOf } from '@chainlens/core';
import type { CompanyHoldings } from '../protocol.js';
import type { ChainSession } from './chain.js';
import { t } from '../i18n.js';

export function companyHoldings(session: ChainSession, company: string): CompanyHoldings {
  const { ctx } = session;
  const c = ctx.dataset.companies.ids.indexOf(company);
  if (c < 0) throw new Error(t('viewer:error.unknownCompany', { id: company }));
  const { membership, structure, supply, inCluster } = ctx;
  const segments = Array.from(segmentsOf(membership, c), (s) => {
    const held = heldShare(membership, s, c)!;
    return {
      id: structure.ids[s]!,
      name: structure.names[s]!,
      stage: structure.stages[s]!,
      share: held.share,
      shareUnknown: held.shareUnknown,
    };
  }).sort((a, b) => (b.share ?? -1) - (a.share ?? -1));
  // The supply graph numbers nodes as the dataset does (localOf = identity).
  const u = supply.localOf[c]!;
  const customers = new Set<number>();
  if (u >= 0) {
    for (let e = supply.outOffsets[u]!; e < supply.outOffsets[u + 1]!; e++) {
      const v = supply.companyOf[supply.outTargets[e]!]!;
      if (v !== c && inCluster[v]) customers.add(v);
    }
  }
  let chain = 0;
  for (const v of customers) if (segmentsOf(membership, v).length > 0) chain++;
  return {
    company,
    inCluster: inCluster[c] === 1,
    segments,
    localCustomers: customers.size,
    localChainCustomers: chain,
  };
}
