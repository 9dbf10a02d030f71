/**
 * The `chainlens` command line. Exit codes (DESIGN §6): 0 ok, 1 bad data, 2 bad usage; every
 * error is one readable line on stderr.
 */
import { Command, CommanderError, Option } from 'commander';
import type { Translator } from '@chainlens/core';
import { DEFAULT_MIN_SHARE, LangError } from '@chainlens/core';
import { DataError } from '@chainlens/io';
import { analyzeCommand } from './commands/analyze.js';
import { UsageError } from './errors.js';
import { compareCommand } from './commands/compare.js';
import { metricsCommand } from './commands/metrics.js';
import { exportCommand } from './commands/export.js';
import { serveCommand } from './commands/serve.js';
import { validateCommand } from './commands/validate.js';
import { templateExtractCommand, templateListCommand } from './commands/template.js';
import { DEFAULT_DATASET } from './datasets.js';
import type { Out } from './output.js';
import { consoleOut } from './output.js';
import { LANG_CHOICES, runTranslator } from './lang.js';

export const EXIT_OK = 0;
export const EXIT_BAD_DATA = 1;
export const EXIT_USAGE = 2;

/** Runs the CLI on `args` (without `node` and the script) and returns the exit code. */
export async function run(args: string[], out: Out = consoleOut): Promise<number> {
  let code = EXIT_OK;
  let tr: Translator;
  try {
    tr = runTranslator(args);
  } catch (e) {
    if (e instanceof LangError) {
      out.err(`chainlens: ${e.message}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const program = new Command('chainlens')
    .description('Network analysis of industrial chains (产业链) and clusters (产业集群)')
    .version('0.1.0')
    .exitOverride()
    .showSuggestionAfterError()
    // --lang is read before parsing (runTranslator); declared here so that every command
    // accepts it and its help lists it.
    .addOption(
      new Option(
        '--lang <lang>',
        `language of printed and written text: ${LANG_CHOICES.join(' or ')} (default: CHAINLENS_LANG, else zh-CN when the locale is Chinese, else en)`,
      ),
    )
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (s) => out.out(s.replace(/\n$/, '')),
      writeErr: (s) => out.err(s.replace(/\n$/, '')),
      outputError: (s, write) => write(s.replace(/\n+/g, ' ').trim()),
    });

  program
    .command('validate')
    .description(
      'check a dataset: counts per table and every rejected row as file:row:column: message',
    )
    .argument(
      '<dataset>',
      'a dataset folder (with chainlens.json), an edge-list CSV, or a bundled dataset name',
    )
    .addOption(
      new Option('--allow-rejected', 'exit 0 although input rows were rejected or not read'),
    )
    .action((dataset: string, options: { allowRejected?: boolean }) => {
      code = validateCommand(dataset, out, options, tr);
    });

  program
    .command('analyze')
    .description('summarise a dataset (and a cluster of it) with its validation report')
    .argument(
      '[dataset]',
      'a dataset folder, an edge-list CSV, or a bundled dataset name',
      DEFAULT_DATASET,
    )
    .addOption(
      new Option('--region <path>', 'study the companies of a region, e.g. 浙江 or 江苏/苏州'),
    )
    .addOption(
      new Option('--companies <file>', 'study the companies listed (one id per line) in a file'),
    )
    .addOption(
      new Option(
        '--community <id>',
        'study one Louvain community (the `community` column of chainlens metrics, same --seed)',
      ),
    )
    .addOption(
      new Option(
        '--template <id>',
        'judge the cluster against a chain template (id or JSON file; chainlens template list)',
      ),
    )
    .addOption(
      new Option('--seed <n>', 'seed of the random resilience order and Louvain').default('1'),
    )
    .addOption(
      new Option(
        '--out <dir>',
        'write report.json, report.md and report.html into DIR (new, empty, or written by chainlens before)',
      ),
    )
    .addOption(
      new Option(
        '--force',
        'write into --out DIR even when it holds other files or report files changed since chainlens wrote them',
      ),
    )
    .addOption(new Option('--top <n>', 'rows of each ranked list printed').default('10'))
    .addOption(
      new Option('--redundancy <r>', 'firms a segment needs to count fully (K_red)').default('2'),
    )
    .addOption(
      new Option('--hhi <tau>', 'HHI above which a segment is concentrated').default('0.25'),
    )
    .addOption(minShareOption())
    .addOption(
      new Option('--theta <θ>', "cascade: share of an input's suppliers that must fail").default(
        '1',
      ),
    )
    .addOption(new Option('--quiet', 'no progress output'))
    .addOption(
      new Option('--allow-rejected', 'exit 0 although input rows were rejected or not read'),
    )
    .action(async (dataset: string, options: Parameters<typeof analyzeCommand>[1]) => {
      code = await analyzeCommand(dataset, options, out, tr);
    });

  program
    .command('metrics')
    .description(
      'per-company network metrics (degree, PageRank, betweenness, closeness, eigenvector, HITS, k-core, community, cut points) with a summary',
    )
    .argument(
      '[dataset]',
      'a dataset folder, an edge-list CSV, or a bundled dataset name',
      DEFAULT_DATASET,
    )
    .addOption(
      new Option(
        '--relation <types...>',
        'relation types of the view (supply, inferred-supply, collaboration, ownership); default: supply if present, else inferred-supply, else all',
      ),
    )
    .addOption(new Option('--seed <n>', 'seed of Louvain and sampled betweenness').default('1'))
    .addOption(
      new Option(
        '--seeds <n>',
        'run Louvain with N seeds and report stability (mean pairwise ARI)',
      ),
    )
    .addOption(new Option('--out <file>', 'write the per-company table as CSV (- for stdout)'))
    .addOption(rawCsvOption())
    .addOption(new Option('--top <n>', 'rows in the printed tables').default('10'))
    .addOption(new Option('--workers <n>', 'worker threads for betweenness (default: cores)'))
    .addOption(
      new Option(
        '--closeness-limit <n>',
        'companies up to which closeness and harmonic are computed (O(n·(n+m)))',
      ).default('20000'),
    )
    .addOption(new Option('--quiet', 'no progress output'))
    .addOption(
      new Option('--allow-rejected', 'exit 0 although input rows were rejected or not read'),
    )
    .action(async (dataset: string, options: Parameters<typeof metricsCommand>[1]) => {
      code = await metricsCommand(dataset, options, out, tr);
    });

  program
    .command('export')
    .description(
      'write a dataset view with company and relation attributes, metrics and communities as GEXF (Gephi), GraphML (Cytoscape), CSV or Arrow',
    )
    .argument('<dataset>', 'a dataset folder, an edge-list CSV, or a bundled dataset name')
    .addOption(
      new Option('--to <format>', 'gexf, graphml, csv or arrow (default: from the --out name)'),
    )
    .addOption(
      new Option(
        '--out <file>',
        'file to write; csv and arrow write FILE.nodes.* and FILE.edges.* (nodes.* and edges.* inside a folder)',
      ),
    )
    .addOption(
      new Option(
        '--relation <types...>',
        'relation types to export (supply, inferred-supply, collaboration, ownership); default: all',
      ),
    )
    .addOption(new Option('--region <path>', 'export the companies of a region, e.g. 浙江/宁波'))
    .addOption(new Option('--seed <n>', 'seed of Louvain and sampled betweenness').default('1'))
    .addOption(new Option('--no-metrics', 'leave out the metric and community columns (faster)'))
    .addOption(rawCsvOption())
    .addOption(new Option('--workers <n>', 'worker threads for betweenness (default: cores)'))
    .addOption(new Option('--quiet', 'no progress output'))
    .action(async (dataset: string, options: Parameters<typeof exportCommand>[1]) => {
      code = await exportCommand(dataset, options, out, tr);
    });

  program
    .command('serve')
    .description('open the viewer on http://127.0.0.1 (localhost only) with a dataset loaded')
    .argument('[dataset]', 'a dataset folder, an edge-list CSV, or a bundled dataset name')
    .addOption(new Option('--port <n>', 'TCP port (0: any free port)').default('4680'))
    .addOption(new Option('--open', 'open the viewer in the default browser'))
    .action(async (dataset: string | undefined, options: { port: string; open?: boolean }) => {
      code = await serveCommand(
        dataset,
        { port: options.port, open: options.open ?? false },
        out,
        tr,
      );
    });

  const template = program
    .command('template')
    .description(
      'chain templates: list the bundled and dataset templates, extract one from product links',
    );
  template
    .command('list')
    .description(
      'list the templates a dataset can use (its own and the bundled ones) with segment counts by stage',
    )
    .argument('[dataset]', 'a dataset folder or a bundled dataset name', DEFAULT_DATASET)
    .action((dataset: string) => {
      code = templateListCommand(dataset, out, tr);
    });
  template
    .command('extract')
    .description(
      'build a template from the product links: the upstream closure of an end product through input_of links',
    )
    .argument(
      '[dataset]',
      'a dataset folder with products and product links, or a bundled dataset name',
      DEFAULT_DATASET,
    )
    .addOption(new Option('--product <name>', 'the end product (id or exact name)'))
    .addOption(new Option('--depth <n>', 'input_of steps to follow upstream').default('3'))
    .addOption(
      new Option('--max-segments <n>', 'keep at most N segments, nearest first').default('30'),
    )
    .addOption(
      new Option(
        '--subcategories',
        "also gather the end product's head-final narrower kinds and their inputs",
      ),
    )
    .addOption(
      new Option(
        '--kind <kinds...>',
        'follow only input products of these kinds (e.g. product: no industry links)',
      ),
    )
    .addOption(new Option('--id <id>', 'template id (default: <product>-chain)'))
    .addOption(new Option('--name <name>', 'template name'))
    .addOption(new Option('--out <file>', 'write the template JSON to FILE (default: stdout)'))
    .action((dataset: string, options: Parameters<typeof templateExtractCommand>[1]) => {
      code = templateExtractCommand(dataset, options, out, tr);
    });

  program
    .command('compare')
    .description(
      "rank every region on one chain's completeness (--template), or one region's chains (--region)",
    )
    .argument('[dataset]', 'a dataset folder or a bundled dataset name', DEFAULT_DATASET)
    .addOption(
      new Option('--template <id>', 'the chain (id or JSON file; chainlens template list)'),
    )
    .addOption(new Option('--region <path>', 'one region: which chains it is strongest in'))
    .addOption(new Option('--by <what>', 'what to compare (only region for now)').default('region'))
    .addOption(new Option('--level <n>', 'region level: 1 province, 2 city').default('1'))
    .addOption(
      new Option('--sort <figure>', 'redundancy, coverage, link or path').default('redundancy'),
    )
    .addOption(new Option('--top <n>', 'rows printed (text format)').default('40'))
    .addOption(minShareOption())
    .addOption(
      new Option(
        '--format <format>',
        'text (the table), json or csv (every row, figures unrounded)',
      ).default('text'),
    )
    .addOption(new Option('--out <file>', 'write the output to FILE instead of the terminal'))
    .addOption(rawCsvOption())
    .addOption(new Option('--quiet', 'no progress output'))
    .addOption(
      new Option('--allow-rejected', 'exit 0 although input rows were rejected or not read'),
    )
    .action(
      async (dataset: string, options: Parameters<typeof compareCommand>[1] & { by?: string }) => {
        if (options.by !== undefined && options.by !== 'region') {
          throw new UsageError(`--by must be 'region', got '${options.by}'`);
        }
        code = await compareCommand(dataset, options, out, tr);
      },
    );

  try {
    await program.parseAsync(args, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are "errors" to commander; they exit 0.
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      out.err(`chainlens: ${e.message}`);
      return EXIT_USAGE;
    }
    if (e instanceof DataError) {
      out.err(`chainlens: ${e.message.replace(/\s*\n\s*/g, ' ')}`);
      return EXIT_BAD_DATA;
    }
    throw e;
  }
}

/** `--raw-csv`: CSV text cells as they are, without the formula guard (docs/export.md). */
function rawCsvOption(): Option {
  return new Option(
    '--raw-csv',
    "CSV: write text cells as they are; by default a cell starting with = + - @ tab or CR gets a leading ' so that a spreadsheet shows it as text, not a formula (numbers never change)",
  );
}

/** `--min-share`: the least revenue share with which a company holds a segment. */
function minShareOption(): Option {
  return new Option(
    '--min-share <fraction>',
    'least revenue share (0–1) of the matched product lines for a company to hold a segment; lines without a figure are kept and marked',
  ).default(String(DEFAULT_MIN_SHARE));
}
