/**
 * The `chainlens` command line. Exit codes (DESIGN §6): 0 ok, 1 bad data, 2 bad usage; every
 * error is one readable line on stderr.
 */
import type { Argument } from 'commander';
import { Command, CommanderError, Help, Option } from 'commander';
import type { Lang, Translator } from '@chainlens/core';
import { ANALYZE_DEFAULTS, LangError, createTranslator, resolveLang } from '@chainlens/core';
import { DataError } from '@chainlens/io';
import { analyzeCommand } from './commands/analyze.js';
import { UsageError, errorText, msg } from './errors.js';
import { compareCommand } from './commands/compare.js';
import { diffCommand } from './commands/diff.js';
import { metricsCommand } from './commands/metrics.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { sparkCommand } from './commands/spark.js';
import { prepareCommand } from './commands/prepare.js';
import { serveCommand } from './commands/serve.js';
import { validateCommand } from './commands/validate.js';
import { templateExtractCommand, templateListCommand } from './commands/template.js';
import { DEFAULT_DATASET } from './datasets.js';
import type { Out } from './output.js';
import { consoleOut } from './output.js';
import { LANG_CHOICES, runTranslator } from './lang.js';
import { atOption } from './options.js';

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
      out.err(`chainlens: ${langErrorText(e)}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const program = buildProgram(tr, out, (c) => (code = c));
  try {
    await program.parseAsync(args, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are "errors" to commander; they exit 0.
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      out.err(`chainlens: ${errorText(tr, e)}`);
      return EXIT_USAGE;
    }
    if (e instanceof DataError) {
      out.err(`chainlens: ${errorText(tr, e).replace(/\s*\n\s*/g, ' ')}`);
      return EXIT_BAD_DATA;
    }
    throw e;
  }
}

/**
 * An unknown `--lang` or `CHAINLENS_LANG`, said in the language the rest of the environment
 * asks for (a Chinese locale still gets Chinese), else English.
 */
function langErrorText(e: LangError): string {
  let lang: Lang = 'en';
  try {
    // Without the bad flag: CHAINLENS_LANG, else the locale (a bad CHAINLENS_LANG: English).
    if (e.source === 'flag') lang = resolveLang(undefined, process.env).lang;
  } catch {
    lang = 'en';
  }
  const tr = createTranslator(lang);
  return tr.t('cli:error.lang', {
    what: e.source === 'flag' ? '--lang' : e.source,
    choices: tr.list([...LANG_CHOICES]),
    value: JSON.stringify(e.value),
  });
}

/**
 * Commander's own parse errors (unknown option, missing value, …) in the run's language; each
 * names the option or argument. English keeps commander's text.
 */
export function commanderErrorText(tr: Translator, text: string): string {
  const s = text.replace(/\n+/g, ' ').trim();
  if (tr.lang === 'en') return s;
  const suggestion = (m: string | undefined) =>
    m ? tr.t('cli:error.didYouMean', { suggestion: m }) : '';
  let m = /^error: unknown option '(.+?)'(?: \(Did you mean (.+?)\?\))?$/.exec(s);
  if (m) return tr.t('cli:error.unknownOption', { option: m[1] }) + suggestion(m[2]);
  m = /^error: unknown command '(.+?)'(?: \(Did you mean (.+?)\?\))?$/.exec(s);
  if (m) return tr.t('cli:error.unknownCommand', { command: m[1] }) + suggestion(m[2]);
  m = /^error: option '(.+)' argument missing$/.exec(s);
  if (m) return tr.t('cli:error.optionMissingArgument', { option: m[1] });
  m = /^error: required option '(.+)' not specified$/.exec(s);
  if (m) return tr.t('cli:error.requiredOption', { option: m[1] });
  m = /^error: missing required argument '(.+)'$/.exec(s);
  if (m) return tr.t('cli:error.missingArgument', { argument: m[1] });
  m =
    /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(
      s,
    );
  if (m) {
    return tr.t('cli:error.excessArguments', {
      command: m[1] ?? 'chainlens',
      expected: Number(m[2]),
      got: Number(m[3]),
    });
  }
  return s;
}

/** Commander's help headings in the run's language. */
const HELP_TITLES: Record<string, string> = {
  'Usage:': 'cli:help.title.usage',
  'Options:': 'cli:help.title.options',
  'Global Options:': 'cli:help.title.globalOptions',
  'Commands:': 'cli:help.title.commands',
  'Arguments:': 'cli:help.title.arguments',
};

/** The `chainlens` program, its help and descriptions in `tr`'s language. */
export function buildProgram(tr: Translator, out: Out, setCode: (code: number) => void): Command {
  const t = (key: string, vars?: Record<string, unknown>) => tr.t(key, vars);
  const allowRejected = () => new Option('--allow-rejected', tr.t('cli:help.opt.allowRejected'));
  const quiet = () => new Option('--quiet', tr.t('cli:help.opt.quiet'));
  const program = new Command('chainlens')
    .description(tr.t('cli:help.program'))
    .version('0.1.0', '-V, --version', tr.t('cli:help.opt.version'))
    .helpOption('-h, --help', tr.t('cli:help.opt.help'))
    .helpCommand('help [command]', tr.t('cli:help.opt.help'))
    .exitOverride()
    .showSuggestionAfterError()
    // --lang is read before parsing (runTranslator); declared here so that every command
    // accepts it and its help lists it.
    .addOption(new Option('--lang <lang>', tr.t('cli:help.opt.lang')))
    .configureHelp({
      showGlobalOptions: true,
      styleTitle: (title: string) => (HELP_TITLES[title] ? t(HELP_TITLES[title]) : title),
      // "(default: 10)" after an option or argument, in the run's language.
      optionDescription(option: Option): string {
        return localDefault(tr, Help.prototype.optionDescription.call(this, option));
      },
      argumentDescription(argument: Argument): string {
        return localDefault(tr, Help.prototype.argumentDescription.call(this, argument));
      },
    })
    .configureOutput({
      writeOut: (s) => out.out(s.replace(/\n$/, '')),
      writeErr: (s) => out.err(s.replace(/\n$/, '')),
      outputError: (s, write) => write(commanderErrorText(tr, s)),
    });

  program
    .command('validate')
    .description(tr.t('cli:help.validate'))
    .argument('<dataset>', tr.t('cli:help.arg.datasetOrCsvOrName'))
    .addOption(allowRejected())
    .action((dataset: string, options: { allowRejected?: boolean }) => {
      setCode(validateCommand(dataset, out, options, tr));
    });

  program
    .command('analyze')
    .description(tr.t('cli:help.analyze'))
    .argument('[dataset]', tr.t('cli:help.arg.dataset'), DEFAULT_DATASET)
    .addOption(new Option('--region <path>', tr.t('cli:help.analyze.region')))
    .addOption(new Option('--companies <file>', tr.t('cli:help.analyze.companies')))
    .addOption(new Option('--community <id>', tr.t('cli:help.analyze.community')))
    .addOption(new Option('--template <id>', tr.t('cli:help.analyze.template')))
    .addOption(seedOption(tr))
    .addOption(new Option('--out <dir>', tr.t('cli:help.analyze.out')))
    .addOption(new Option('--force', tr.t('cli:help.analyze.force')))
    .addOption(new Option('--top <n>', tr.t('cli:help.analyze.top')).default('10'))
    .addOption(redundancyOption(tr))
    .addOption(hhiOption(tr))
    .addOption(minShareOption(tr))
    .addOption(thetaOption(tr))
    .addOption(quiet())
    .addOption(allowRejected())
    .addOption(atOption(tr))
    .action(async (dataset: string, options: Parameters<typeof analyzeCommand>[1]) => {
      setCode(await analyzeCommand(dataset, options, out, tr));
    });

  program
    .command('metrics')
    .description(tr.t('cli:help.metrics'))
    .argument('[dataset]', tr.t('cli:help.arg.dataset'), DEFAULT_DATASET)
    .addOption(new Option('--relation <types...>', tr.t('cli:help.metrics.relation')))
    .addOption(new Option('--seed <n>', tr.t('cli:help.opt.seedLouvain')).default('1'))
    .addOption(new Option('--seeds <n>', tr.t('cli:help.metrics.seeds')))
    .addOption(new Option('--out <file>', tr.t('cli:help.metrics.out')))
    .addOption(rawCsvOption(tr))
    .addOption(new Option('--top <n>', tr.t('cli:help.metrics.top')).default('10'))
    .addOption(new Option('--workers <n>', tr.t('cli:help.opt.workers')))
    .addOption(
      new Option('--closeness-limit <n>', tr.t('cli:help.metrics.closenessLimit')).default('20000'),
    )
    .addOption(quiet())
    .addOption(allowRejected())
    .addOption(atOption(tr))
    .action(async (dataset: string, options: Parameters<typeof metricsCommand>[1]) => {
      setCode(await metricsCommand(dataset, options, out, tr));
    });

  program
    .command('export')
    .description(tr.t('cli:help.export'))
    .argument('<dataset>', tr.t('cli:help.arg.dataset'))
    .addOption(new Option('--to <format>', tr.t('cli:help.export.to')))
    .addOption(new Option('--out <file>', tr.t('cli:help.export.out')))
    .addOption(new Option('--relation <types...>', tr.t('cli:help.export.relation')))
    .addOption(new Option('--region <path>', tr.t('cli:help.export.region')))
    .addOption(new Option('--seed <n>', tr.t('cli:help.opt.seedLouvain')).default('1'))
    .addOption(new Option('--no-metrics', tr.t('cli:help.export.noMetrics')))
    .addOption(rawCsvOption(tr))
    .addOption(new Option('--workers <n>', tr.t('cli:help.opt.workers')))
    .addOption(quiet())
    .action(async (dataset: string, options: Parameters<typeof exportCommand>[1]) => {
      setCode(await exportCommand(dataset, options, out, tr));
    });

  program
    .command('import')
    .description(tr.t('import:help'))
    .argument('<file>', tr.t('import:help.arg.file'))
    .addOption(new Option('--out <dir>', tr.t('import:help.out')).makeOptionMandatory())
    .addOption(
      new Option('--template <id>', tr.t('import:help.template')).argParser(
        (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
      ),
    )
    .addOption(new Option('--mapping <file>', tr.t('import:help.mapping')))
    .addOption(new Option('--name <name>', tr.t('import:help.name')))
    .addOption(new Option('--force', tr.t('import:help.force')))
    .action(async (file: string, options: Parameters<typeof importCommand>[1]) => {
      setCode(await importCommand(file, options, out, tr));
    });

  program
    .command('spark')
    .description(tr.t('spark:help'))
    .argument('<dataset>', tr.t('cli:help.arg.dataset'))
    .addOption(new Option('--master <url>', tr.t('spark:help.master')).makeOptionMandatory())
    .addOption(new Option('--out <dir>', tr.t('spark:help.out')))
    .addOption(new Option('--packages <coordinates...>', tr.t('spark:help.packages')))
    .addOption(new Option('--conf <key=value...>', tr.t('spark:help.conf')))
    .addOption(new Option('--relation <types...>', tr.t('spark:help.relation')))
    .addOption(new Option('--seed <n>', tr.t('spark:help.seed')).default('1'))
    .addOption(quiet())
    .action(async (dataset: string, options: Parameters<typeof sparkCommand>[1]) => {
      setCode(await sparkCommand(dataset, options, out, tr));
    });

  program
    .command('serve')
    .description(tr.t('cli:help.serve'))
    .argument('[dataset]', tr.t('cli:help.arg.dataset'))
    .addOption(new Option('--port <n>', tr.t('cli:help.serve.port')).default('4680'))
    .addOption(new Option('--open', tr.t('cli:help.serve.open')))
    .action(async (dataset: string | undefined, options: { port: string; open?: boolean }) => {
      setCode(
        await serveCommand(dataset, { port: options.port, open: options.open ?? false }, out, tr),
      );
    });

  const template = program.command('template').description(tr.t('cli:help.template'));
  template
    .command('list')
    .description(tr.t('cli:help.template.list'))
    .argument('[dataset]', tr.t('cli:help.arg.datasetFolderOrName'), DEFAULT_DATASET)
    .action((dataset: string) => {
      setCode(templateListCommand(dataset, out, tr));
    });
  template
    .command('extract')
    .description(tr.t('cli:help.template.extract'))
    .argument('[dataset]', tr.t('cli:help.arg.datasetWithProducts'), DEFAULT_DATASET)
    .addOption(new Option('--product <name>', tr.t('cli:help.extract.product')))
    .addOption(new Option('--depth <n>', tr.t('cli:help.extract.depth')).default('3'))
    .addOption(new Option('--max-segments <n>', tr.t('cli:help.extract.maxSegments')).default('30'))
    .addOption(new Option('--subcategories', tr.t('cli:help.extract.subcategories')))
    .addOption(new Option('--kind <kinds...>', tr.t('cli:help.extract.kind')))
    .addOption(new Option('--id <id>', tr.t('cli:help.extract.id')))
    .addOption(new Option('--name <name>', tr.t('cli:help.extract.name')))
    .addOption(new Option('--out <file>', tr.t('cli:help.extract.out')))
    .action((dataset: string, options: Parameters<typeof templateExtractCommand>[1]) => {
      setCode(templateExtractCommand(dataset, options, out, tr));
    });

  program
    .command('compare')
    .description(tr.t('cli:help.compare'))
    .argument('[dataset]', tr.t('cli:help.arg.datasetFolderOrName'), DEFAULT_DATASET)
    .addOption(new Option('--template <id>', tr.t('cli:help.compare.template')))
    .addOption(new Option('--region <path>', tr.t('cli:help.compare.region')))
    .addOption(new Option('--by <what>', tr.t('cli:help.compare.by')).default('region'))
    .addOption(new Option('--level <n>', tr.t('cli:help.compare.level')).default('1'))
    .addOption(new Option('--sort <figure>', tr.t('cli:help.compare.sort')).default('redundancy'))
    .addOption(new Option('--top <n>', tr.t('cli:help.compare.top')).default('40'))
    .addOption(minShareOption(tr))
    .addOption(new Option('--format <format>', tr.t('cli:help.compare.format')).default('text'))
    .addOption(new Option('--out <file>', tr.t('cli:help.compare.out')))
    .addOption(rawCsvOption(tr))
    .addOption(quiet())
    .addOption(allowRejected())
    .addOption(atOption(tr))
    .action(
      async (dataset: string, options: Parameters<typeof compareCommand>[1] & { by?: string }) => {
        if (options.by !== undefined && options.by !== 'region') {
          throw new UsageError(msg.t('cli:error.by', { value: options.by }));
        }
        setCode(await compareCommand(dataset, options, out, tr));
      },
    );
  program
    .command('diff')
    .description(tr.t('time:help.diff'))
    .argument('[dataset]', tr.t('cli:help.arg.dataset'), DEFAULT_DATASET)
    .addOption(new Option('--region <path>', tr.t('time:help.diff.region')))
    .addOption(new Option('--template <id>', tr.t('time:help.diff.template')))
    .addOption(new Option('--from <date>', tr.t('time:help.diff.from')))
    .addOption(new Option('--to <date>', tr.t('time:help.diff.to')))
    .addOption(new Option('--format <format>', tr.t('time:help.diff.format')).default('text'))
    .addOption(new Option('--out <dir>', tr.t('time:help.diff.out')))
    .addOption(new Option('--force', tr.t('cli:help.analyze.force')))
    .addOption(new Option('--top <n>', tr.t('time:help.diff.top')).default('20'))
    .addOption(new Option('--every <period>', tr.t('time:help.diff.every')))
    .addOption(seedOption(tr))
    .addOption(redundancyOption(tr))
    .addOption(hhiOption(tr))
    .addOption(minShareOption(tr))
    .addOption(thetaOption(tr))
    .addOption(rawCsvOption(tr))
    .addOption(quiet())
    .addOption(allowRejected())
    .action(async (dataset: string, options: Parameters<typeof diffCommand>[1]) => {
      setCode(await diffCommand(dataset, options, out, tr));
    });

  program
    .command('prepare')
    .description(tr.t('prepare:help'))
    .argument('<dataset>', tr.t('prepare:help.arg'))
    .addOption(quiet())
    .addOption(allowRejected())
    .action(async (dataset: string, options: Parameters<typeof prepareCommand>[1]) => {
      setCode(await prepareCommand(dataset, options, out, tr));
    });
  return program;
}

/** Commander's "(default: 10)" in the run's language. */
function localDefault(tr: Translator, text: string): string {
  if (tr.lang === 'en') return text;
  return text.replace(/ ?\(default: (.*)\)$/, (_, value: string) =>
    tr.t('cli:help.default', { value: value.replace(/^"(.*)"$/, '$1') }),
  );
}

/** `--raw-csv`: CSV text cells as they are, without the formula guard (docs/export.md). */
function rawCsvOption(tr: Translator): Option {
  return new Option('--raw-csv', tr.t('cli:help.opt.rawCsv'));
}

/** `--seed`, `--redundancy`, `--hhi`, `--theta` of `analyze` and `diff`: ANALYZE_DEFAULTS. */
function seedOption(tr: Translator): Option {
  return new Option('--seed <n>', tr.t('cli:help.analyze.seed')).default(
    String(ANALYZE_DEFAULTS.seed),
  );
}
function redundancyOption(tr: Translator): Option {
  return new Option('--redundancy <r>', tr.t('cli:help.analyze.redundancy')).default(
    String(ANALYZE_DEFAULTS.redundancy),
  );
}
function hhiOption(tr: Translator): Option {
  return new Option('--hhi <tau>', tr.t('cli:help.analyze.hhi')).default(
    String(ANALYZE_DEFAULTS.hhiThreshold),
  );
}
function thetaOption(tr: Translator): Option {
  return new Option('--theta <θ>', tr.t('cli:help.analyze.theta')).default(
    String(ANALYZE_DEFAULTS.theta),
  );
}

/** `--min-share`: the least revenue share with which a company holds a segment. */
function minShareOption(tr: Translator): Option {
  return new Option('--min-share <fraction>', tr.t('cli:help.opt.minShare')).default(
    String(ANALYZE_DEFAULTS.minShare),
  );
}
