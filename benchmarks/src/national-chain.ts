/**
 * Chain analysis at national scale (issue 8): on a generated national dataset, the time of
 * `compare` (one chain across every province and every city) and of a full `analyze()` of one
 * city cluster inside the national graph, with peak RSS. One fresh process per size:
 *
 *   node benchmarks/dist/national-chain.js benchmarks/out/national-5M-s42 [template]
 *
 * Prints one JSON line of figures; `bench:national --only chain` runs it per size and puts them
 * in RESULTS.md's National scale table.
 */
import { analyze, clusterByRegion, compareRegions } from '@chainlens/core';
import { ingestDataset } from '@chainlens/scale';

const dir = process.argv[2];
const templateId = process.argv[3] ?? 'lithium-battery';
if (!dir) throw new Error('usage: national-chain.js DATASET_DIR [TEMPLATE]');

const t0 = performance.now();
const { dataset } = await ingestDataset(dir);
const ingest = (performance.now() - t0) / 1000;
const template = dataset.templates.find((t) => t.id === templateId);
if (!template) throw new Error(`no template ${templateId} in ${dir}`);

let t = performance.now();
const provinces = compareRegions(dataset, template, { level: 1 });
const compareProvinces = (performance.now() - t) / 1000;
t = performance.now();
const cities = compareRegions(dataset, template, { level: 2 });
const compareCities = (performance.now() - t) / 1000;

// The city with the most companies in the chain: the hardest single-city analysis.
const city = [...cities].sort((a, b) => b.chainCompanies - a.chainCompanies)[0]!;
const cluster = clusterByRegion(dataset.companies, city.region);
t = performance.now();
// Seconds per step of analyze() (context, completeness, …, communities).
const steps: Record<string, number> = {};
let stepStart = t;
let stepName = '';
const report = analyze(dataset, {
  cluster,
  template,
  onStep: (name) => {
    const now = performance.now();
    if (stepName) steps[stepName] = +((now - stepStart) / 1000).toFixed(2);
    stepName = name;
    stepStart = now;
  },
});
const analyzeCity = (performance.now() - t) / 1000;

console.log(
  JSON.stringify({
    dir,
    template: templateId,
    companies: dataset.companies.ids.length,
    relations: dataset.relations.source.length,
    ingestSeconds: +ingest.toFixed(1),
    compareProvinces: {
      seconds: +compareProvinces.toFixed(2),
      regions: provinces.length,
      best: provinces[0]?.region,
    },
    compareCities: {
      seconds: +compareCities.toFixed(2),
      regions: cities.length,
      best: cities[0]?.region,
    },
    analyzeCity: {
      city: city.region,
      companies: cluster.members.length,
      chainCompanies: report.cluster.chainCompanies,
      seconds: +analyzeCity.toFixed(1),
      steps,
      coverage: +report.completeness.coverage.toFixed(3),
      targets: report.targets.length,
    },
    peakRssGiB: +(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2),
  }),
);
