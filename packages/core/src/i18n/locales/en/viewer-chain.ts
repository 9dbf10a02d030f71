/** The viewer's Chain tab and its what-if panel (English), spread into ./viewer.ts: one namespace, two files. */
export const viewerChain = {
  // The chain tab
  'segment.present': 'present',
  'segment.weak': 'weak',
  'segment.missingUpstream': 'missing upstream',
  'segment.missingDownstream': 'missing downstream',
  'segment.absent': 'absent',
  'kind.singleSource': 'Single source',
  'kind.concentrated': 'Concentrated',
  'kind.cutPoint': 'Cut points',
  'kind.bridge': 'Bridges',
  'kind.externalOnly': 'Bought only from outside',
  'kind.singleSource.note': 'segments held by one local company: a single point of failure',
  'kind.concentrated.note': 'segments whose local shares are concentrated (HHI above τ)',
  'kind.cutPoint.note': 'companies that hold the local supply web together',
  'kind.bridge.note': 'the only supply link between two groups of local firms',
  'kind.externalOnly.note':
    'segments the cluster holds whose local buyers buy them only from outside',
  'chain.focusTitle': 'Focus the graph on the companies concerned',
  'chain.andMore_one': '{{names}} and {{n}} more',
  'chain.andMore_other': '{{names}} and {{n}} more',
  'chain.note.ghostLinksNotDrawn_one':
    '{{n}} link of missing roles leads to companies not drawn (inside community nodes).',
  'chain.note.ghostLinksNotDrawn_other':
    '{{n}} links of missing roles lead to companies not drawn (inside community nodes).',
  'chain.note.ghostLinksViaGroup_one':
    '{{n}} company that needs a missing role is inside segment nodes: its ghosts link to those nodes.',
  'chain.note.ghostLinksViaGroup_other':
    '{{n}} companies that need a missing role are inside segment nodes: their ghosts link to those nodes.',
  'chain.note.bridgesNotDrawn_one':
    '{{hidden}} of {{n}} bridge is not drawn: its relation type is not shown.',
  'chain.note.bridgesNotDrawn_other':
    '{{hidden}} of {{n}} bridges are not drawn: their relation type is not shown.',
  'chain.head':
    '{{cluster}} · {{companies}}, {{chain}} in the chain · {{segments}} segments, {{feeds}} feeds',
  'chain.completeness': 'Completeness',
  'chain.footnote':
    '@chainlens/core analyze(), report.json schema {{schema}}: r = {{r}}, τ = {{tau}}, θ = {{theta}}, supply = {{supply}}, seed {{seed}}; {{communities}} supply communities (modularity {{modularity}}).',
  'chain.choose':
    'Choose a chain template (left) to judge the cluster against it: completeness per stage, gaps, weak links, leading firms and targets.',
  'chain.running': 'Analysing the cluster against {{template}}…',
  'chain.runningStep': 'Analysing the cluster against {{template}}: {{step}}…',
  'chain.inferredAll':
    'All {{n}} supply links into the chain firms are inferred from products (B makes an input of what A makes), not observed: weak links, local supply and cascades rest on them.',
  'chain.inferredSome':
    '{{inferred}} of {{n}} supply links into the chain firms are inferred from products, not observed.',
  'figure.coverage': 'Coverage',
  'figure.coverage.what': '{{present}} of {{all}} segments have a local company (weighted)',
  'figure.redundancy': 'Redundancy-adjusted',
  'figure.redundancy.what': 'each segment counts min(1, n/{{r}}): one firm is half covered',
  'figure.link': 'Link',
  'figure.link.what': '{{present}} of {{all}} feeds have both ends local',
  'figure.path': 'Path',
  'figure.path.what':
    '{{present}} of {{all}} source-to-end paths run entirely through local segments',
  'figure.localSupply': 'Local supply ratio',
  'figure.localSupply.none': 'the chain firms buy nothing in the data',
  'figure.localSupply.what':
    '{{local}} of {{all}} supply links into the chain firms are local (by value)',
  'stages.stage': 'stage',
  'stages.present': 'present',
  'stages.coverage': 'coverage',
  'stages.redundancy': 'redundancy',
  'gaps.title': 'Gaps: missing roles ({{n}})',
  'gaps.none': 'Every segment of the chain has a local company.',
  'gaps.inputOf_one': 'input of {{n}} local company: {{names}}',
  'gaps.inputOf_other': 'input of {{n}} local companies: {{names}}',
  'gaps.buyerOf_one': 'buyer of {{n}} local company: {{names}}',
  'gaps.buyerOf_other': 'buyer of {{n}} local companies: {{names}}',
  'gaps.elsewhere_one': '; held by {{n}} company elsewhere in the data',
  'gaps.elsewhere_other': '; held by {{n}} companies elsewhere in the data',
  'direction.upstream': 'upstream',
  'direction.downstream': 'downstream',
  'direction.absent': 'absent',
  'weak.title': 'Weak links ({{n}})',
  'weak.none': 'No weak link found.',
  'segments.title': 'Segments ({{present}} of {{all}} present)',
  'leaders.title': 'Leading firms ({{n}})',
  'leaders.none': 'No chain firm in the cluster.',
  'leaders.more': '{{n}} more in report.json.',
  'leaders.presence': 'presence',
  'leaders.breadth': 'breadth',
  'leaders.partners': 'local partners',
  'leaders.size': 'size',
  score: 'score {{score}}',
  'targets.title': 'Targets to attract ({{n}})',
  'targets.none': 'No candidate outside the cluster.',
  'critical.title': 'Most critical companies',
  'critical.note':
    'Completeness ({{measure}}) lost if the company fails, with the firms its failure cuts off (cascade θ = {{theta}}).',
  'critical.cutsOff': 'cuts off {{names}}',
  'critical.cutsNobody': 'cuts nobody off',
  'critical.whatIf': 'what if',
  'resilience.title': 'Resilience',
  'resilience.axis': 'firms removed →',
  'resilience.random': 'random failures: R = {{r}}',
  'resilience.targeted': 'targeted (by {{by}}): R = {{r}}',
  'resilience.note':
    'Redundancy-adjusted completeness as chain firms fail one by one (with cascades); R is the area under the curve: higher is more robust.',
  'missing.intro':
    'Missing role of {{template}}: no company of the cluster holds this {{stage}} segment.',
  'missing.upstream_one':
    'An input missing upstream: {{n}} local company buys it from outside the cluster.',
  'missing.upstream_other':
    'An input missing upstream: {{n}} local companies buy it from outside the cluster.',
  'missing.downstream_one':
    'A buyer missing downstream: {{n}} local company sells into it outside the cluster.',
  'missing.downstream_other':
    'A buyer missing downstream: {{n}} local companies sell into it outside the cluster.',
  'missing.absent': 'No local company feeds it or needs it (absent).',
  'missing.elsewhere_one': '{{n}} company elsewhere in the data holds it.',
  'missing.elsewhere_other': '{{n}} companies elsewhere in the data hold it.',
  'missing.neededBy': 'Needed by',
  'missing.targets': 'Companies that could fill it (targets)',

  // What if this company fails (company tab)
  'whatIf.cut_one': 'If {{who}} fails, {{n}} company is cut off in the cascade.',
  'whatIf.cut_other': 'If {{who}} fails, {{n}} companies are cut off in the cascade.',
  'whatIf.noCut':
    'If {{who}} fails, no other company is cut off: every firm that buys from it has another supplier of that input (or makes it in-house).',
  'whatIf.completeness': 'completeness',
  'whatIf.before': 'before',
  'whatIf.after': 'after',
  'whatIf.change': 'change',
  'whatIf.stageRow': '{{stage}} (redundancy)',
  'whatIf.emptied': 'Segments left without a local company: {{segments}}.',
  'whatIf.segments': 'Segments that change',
  'whatIf.segmentChange_one': '{{name}}: {{before}} → {{n}} firm',
  'whatIf.segmentChange_other': '{{name}}: {{before}} → {{n}} firms',
  'whatIf.cutOff': 'Cut off',
  'whatIf.cutOffN': 'Cut off ({{n}})',
  'whatIf.round': 'round {{round}}',
  'whatIf.roundLoses': 'round {{round}}, loses {{segment}}',
  'whatIf.footnote':
    'core whatIf(): cascade θ = {{theta}} (a firm fails when it loses {{share}} of its suppliers of an input, by {{by}}), in-house inputs counted, r = {{r}}.',
  'whatIf.footnoteInHouse':
    'core whatIf(): cascade θ = {{theta}} (a firm fails when it loses {{share}} of its suppliers of an input, by {{by}}), in-house inputs never lost, r = {{r}}.',
  'whatIf.all': 'all',
  'whatIf.inChain': 'In the chain',
  'whatIf.choose':
    'Choose a chain template (left) to see this company in the chain and what its failure would do.',
  'whatIf.main': 'main segment',
  'whatIf.noSegment': 'Holds no segment of {{template}} anywhere in the dataset.',
  'holdings.inside': 'Inside the cluster ({{cluster}}).',
  'holdings.outside': 'Outside the cluster ({{cluster}}).',
  'holdings.segments': 'Segments of {{template}} it holds in the whole dataset (revenue share):',
  'holdings.buyers_one': '{{n}} firm of the cluster buys from it ({{chain}} of them in the chain).',
  'holdings.buyers_other':
    '{{n}} firms of the cluster buy from it ({{chain}} of them in the chain).',
  'holdings.noBuyers': 'No firm of the cluster buys from it (in the relations).',
  'whatIf.outsideBuyers_one':
    "{{who}} is outside {{cluster}}. If it fails, the {{n}} local firm that buys from it ({{chain}} in the chain) loses a supplier; it is not cut off in the chain's cascade: it has another supplier of what it needs, makes it in-house, or holds no segment that needs it.",
  'whatIf.outsideBuyers_other':
    "{{who}} is outside {{cluster}}. If it fails, the {{n}} local firms that buy from it ({{chain}} of them in the chain) lose a supplier; none is cut off in the chain's cascade: each has another supplier of what it needs, makes it in-house, or holds no segment that needs it.",
  'whatIf.outsideCut_one': '{{who}} is outside {{cluster}}; it supplies {{n}} local firm.',
  'whatIf.outsideCut_other': '{{who}} is outside {{cluster}}; it supplies {{n}} local firms.',
  'whatIf.outsideNoBuyers':
    "{{who}} is outside {{cluster}} and no firm of the cluster buys from it (in the relations): its failure changes nothing in the cluster's chain, whose completeness counts only the cluster's firms.",
  'whatIf.noBuyers':
    'If {{who}} fails, no other company is cut off: no firm of the cluster buys from it (in the relations); the figures change only through its own segments.',
  'whatIf.rank': '#{{rank}} among the most critical companies.',
  'whatIf.title': 'Remove this company and run the failure cascade of the chain report',
  'whatIf.button': 'What if this company fails?',
  'whatIf.running': 'Running the cascade…',
} as const;
