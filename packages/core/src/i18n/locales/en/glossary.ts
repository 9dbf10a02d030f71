/** The glossary of every figure a report shows (report/render/glossary.ts). Keys: <id>.name, .what, .read. */
export const glossary = {
  title: 'Glossary',
  intro:
    'What each figure measures and how to read it. The formulas are in the Chainlens repository, at the path given (docs/chain-analysis).',
  entry: '**{{name}}**: {{what}} {{read}} ({{formula}})',
  formula: 'formula: {{path}}',
  'coverage.name': 'Coverage (K_cov)',
  'coverage.what':
    "The share of the chain's segments, weighted by importance, in which at least one local company is active.",
  'coverage.read':
    "0.69 means that segments carrying 69% of the chain's weight have at least one local firm; the other 31% must be bought in or attracted.",
  'redundancy.name': 'Redundancy-adjusted completeness (K_red)',
  'redundancy.what':
    'Like coverage, but a segment counts fully only when it has at least r local firms (r = 2 by default); with fewer it counts in part.',
  'redundancy.read':
    'Lower than coverage when many segments hang on a single firm: 0.69 coverage with 0.45 here means much of the chain rests on one firm per segment.',
  'link.name': 'Link completeness (K_link)',
  'link.what':
    "The share of the template's feeds (input → output between two segments) whose both ends have a local firm.",
  'link.read':
    '0.50 means half of the supply steps can in principle be done inside the region; the rest cross its border.',
  'path.name': 'Path completeness (K_path)',
  'path.what':
    'The share of routes from raw material to end product on which every segment has a local firm.',
  'path.read':
    '0 means no product can be made locally from start to finish; even one closed path is a strength to promote.',
  'localSupply.name': 'Local supply ratio (本地配套率)',
  'localSupply.what':
    "The share of what the cluster's chain firms buy (by value, or by number of supply relations) that comes from firms inside the cluster.",
  'localSupply.read':
    '20% means four fifths of the inputs come from outside; when the relations are inferred, read it as an estimate.',
  'hhi.name': 'Concentration (HHI)',
  'hhi.what':
    "The Herfindahl–Hirschman index of the local firms' shares in a segment: the sum of their squared shares, from near 0 to 1.",
  'hhi.read':
    '0.50 is as concentrated as two equal firms (1 / HHI firms); above the threshold (0.25) the segment depends on a few firms.',
  'singleSource.name': 'Single source',
  'singleSource.what': 'A segment held by exactly one local firm.',
  'singleSource.read':
    'If that firm moves, closes or stops the line, the segment disappears from the region: a first candidate for a second firm.',
  'concentrated.name': 'Concentrated segment',
  'concentrated.what': 'A segment with two or more local firms whose HHI is above the threshold.',
  'concentrated.read':
    'Several firms exist but one or two dominate; losing the largest would weaken the segment badly.',
  'cutPoint.name': 'Key node company (cut point, 割点)',
  'cutPoint.what':
    'A local firm whose removal splits the local supply web into parts that no longer trade with each other.',
  'cutPoint.read':
    'Keep these firms close: the companies it cuts off lose their only local link to the rest of the chain.',
  'bridge.name': 'Bridge (桥接关系)',
  'bridge.what': 'A supply relation that is the only link between two groups of local firms.',
  'bridge.read':
    'If this one relation ends, the two groups no longer trade locally; a second supplier on either side removes the risk.',
  'externalOnly.name': 'External supply only',
  'externalOnly.what':
    'A segment the region holds, whose local buyers nevertheless buy it only from firms outside the cluster.',
  'externalOnly.read':
    'A matchmaking opportunity: local supply exists but is not used; introduce the local firms to the local buyers.',
  'missingUpstream.name': 'Missing upstream',
  'missingUpstream.what': 'A segment with no local firm that supplies a segment the region has.',
  'missingUpstream.read':
    'Local firms must buy this input from elsewhere: a target for attracting suppliers (补链).',
  'missingDownstream.name': 'Missing downstream',
  'missingDownstream.what': 'A segment with no local firm that a segment the region has supplies.',
  'missingDownstream.read':
    'Local output leaves the region to be used; attracting buyers here keeps more value local (延链).',
  'leader.name': 'Leading firm (链主企业)',
  'leader.what':
    'A local firm ranked by how central it is to the local chain: its presence in segments, how many segments it covers and its local partners.',
  'leader.read':
    'A score near 1 marks a firm the chain is organised around; engage it first when planning the chain.',
  'target.name': 'Investment target (补链招商目标)',
  'target.what':
    'A company outside the cluster that holds a missing or weak segment, scored by local need, its share in the segment, its network strength, its ties to the region and the completeness it would add.',
  'target.read':
    'A higher score means a better fit; the sentence under each target says why, and a gain of 0 means it would not fill a gap.',
  'criticality.name': 'Criticality (关键企业)',
  'criticality.what':
    'How much completeness the chain loses if this one company fails, counting the failures it sets off.',
  'criticality.read':
    'A drop of 10% means losing this firm alone removes a tenth of the chain: a firm to keep and to back up.',
  'cascade.name': 'Failure cascade (级联失效)',
  'cascade.what':
    'The model in which a firm fails when every local supplier of one of its essential inputs has failed.',
  'cascade.read':
    'It shows how far one failure spreads through the local web; with inferred supply it is an estimate.',
  'resilience.name': 'Resilience R (韧性)',
  'resilience.what':
    'The average completeness left as chain firms are removed one by one, at random or largest first (with cascades).',
  'resilience.read':
    'Near the coverage figure for random removal is normal; a much lower targeted R means a few firms hold the chain together.',
  'minShare.name': 'Minimum revenue share (营收占比门槛)',
  'minShare.what':
    'The least share of its revenue (5% by default) a company must earn in a segment to count as active in it.',
  'minShare.read':
    'Side lines below it are left out so that a firm is not counted in a segment it barely touches.',
  'density.name': 'Density (延链密度)',
  'density.what':
    'For a segment the region lacks, the share of its relatedness to other segments that falls on segments the region has.',
  'density.read':
    'A high density means the know-how is already nearby: extending the chain there is more likely to succeed.',
} as const;
