/**
 * One process of the start-up benchmark (startup-bench.js): reads the dataset folder given with
 * `readDataset` of @chainlens/io/node and prints the time of the read alone, in ms (module
 * loading before the clock starts), after checking that every table came back.
 *
 *   node benchmarks/dist/startup-child.js datasets/cn-listed
 */
import { readDataset } from '@chainlens/io/node';

const dir = process.argv[2];
if (!dir) throw new Error('usage: startup-child.js DATASET_DIR');
const t = performance.now();
const { dataset } = readDataset(dir);
const ms = performance.now() - t;
if (dataset.companies.ids.length === 0 || dataset.relations.source.length === 0) {
  throw new Error(`${dir}: no companies or no relations read`);
}
console.log(ms.toFixed(3));
