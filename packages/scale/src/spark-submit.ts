/**
 * Runs the repository's Spark job (spark/chainlens_job.py) on a bundle with `spark-submit` from
 * the pyspark install of a Python interpreter (docs/spark.md). Node only.
 *
 * The interpreter is `CHAINLENS_PYTHON`, else the repository's `spark/.venv/bin/python` (made by
 * `bash spark/install.sh`) when it exists, else `python3` on the PATH. What is missing (Java,
 * Python, pyspark) is reported as a `SparkMissing` error naming the command that installs it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's spark/ folder (job, requirements, install and cluster scripts). */
export const SPARK_DIR = fileURLToPath(new URL('../../../spark/', import.meta.url));
/** The job that spark-submit runs. */
export const SPARK_JOB = join(SPARK_DIR, 'chainlens_job.py');
/** The command that installs the pinned pyspark into spark/.venv. */
export const SPARK_INSTALL_COMMAND = 'bash spark/install.sh';
/** The command that installs Java 17 on Debian. */
export const JAVA_INSTALL_COMMAND = 'apt-get install -y openjdk-17-jre-headless';

export type SparkMissingWhat = 'java' | 'python' | 'pyspark';

/** Java, Python or pyspark is missing; `install` is the command that installs it. */
export class SparkMissing extends Error {
  constructor(
    readonly what: SparkMissingWhat,
    readonly install: string,
    readonly detail: string,
  ) {
    super(`${what} not found (${detail}); install it with: ${install}`);
    this.name = 'SparkMissing';
  }
}

export interface SparkEnvironment {
  python: string;
  /** pyspark's folder: SPARK_HOME, holding bin/spark-submit and bin/spark-class. */
  sparkHome: string;
  pyspark: string;
  java: string;
}

/** The Python interpreter the job runs with (see the module notes). */
export function sparkPython(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHAINLENS_PYTHON) return env.CHAINLENS_PYTHON;
  const venv = join(SPARK_DIR, '.venv', 'bin', 'python');
  return existsSync(venv) ? venv : 'python3';
}

/** Finds Java, Python and pyspark, or throws `SparkMissing`. */
export function sparkEnvironment(env: NodeJS.ProcessEnv = process.env): SparkEnvironment {
  const javaBin = env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : 'java';
  const java = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    throw new SparkMissing(
      'java',
      JAVA_INSTALL_COMMAND,
      `${javaBin}: ${java.error?.message ?? java.stderr}`,
    );
  }
  const javaVersion = /version "([^"]+)"/.exec(java.stderr)?.[1] ?? java.stderr.split('\n')[0]!;
  const python = sparkPython(env);
  const probe = spawnSync(
    python,
    [
      '-c',
      'import os, pyspark; print(pyspark.__version__); print(os.path.dirname(pyspark.__file__))',
    ],
    { encoding: 'utf8' },
  );
  if (probe.error) {
    throw new SparkMissing('python', SPARK_INSTALL_COMMAND, `${python}: ${probe.error.message}`);
  }
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split('\n').pop() ?? '';
    throw new SparkMissing('pyspark', SPARK_INSTALL_COMMAND, `${python}: ${last}`);
  }
  const [pyspark, sparkHome] = probe.stdout.trim().split('\n');
  return { python, sparkHome: sparkHome!, pyspark: pyspark!, java: javaVersion };
}

/** The environment that spark-submit and spark-class need (SPARK_HOME, the job's Python). */
export function sparkProcessEnv(spark: SparkEnvironment): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SPARK_HOME: spark.sparkHome,
    PYSPARK_PYTHON: spark.python,
    PYSPARK_DRIVER_PYTHON: spark.python,
    // Spark's scripts look for python3 on the PATH: put the interpreter's folder first.
    PATH: `${dirname(spark.python)}:${process.env.PATH ?? ''}`,
  };
}

/** One progress line of the job (`chainlens-progress {json}`). */
export interface SparkEvent {
  event: 'started' | 'loaded' | 'iteration' | 'written' | 'done';
  [field: string]: unknown;
}

export interface SparkSubmitOptions {
  bundle: string;
  results: string;
  /** `master` string (required): local[2], spark://host:7077, yarn, k8s://…. */
  master: string;
  /** `packages` string[] [none]: Maven coordinates handed to --packages. */
  packages?: string[];
  /** `conf` string[] [none]: key=value pairs handed to --conf. */
  conf?: string[];
  onEvent?: (event: SparkEvent) => void;
  /**
   * `timeoutMs` number [none]: stop spark-submit (SIGTERM, SIGKILL 10 s later, by its PID) when
   * it runs longer; the result's `timedOut` says so.
   */
  timeoutMs?: number;
}

export interface SparkSubmitResult {
  /** Whether spark-submit was stopped at `timeoutMs`. */
  timedOut: boolean;
  code: number;
  /** The Spark UI address the driver reported. */
  ui?: string;
  /** The last lines of spark-submit's stderr (for an error message). */
  stderrTail: string[];
  seconds: number;
}

/** Runs spark-submit on the job; resolves when it exits (see `SparkSubmitResult`). */
export function sparkSubmit(
  spark: SparkEnvironment,
  options: SparkSubmitOptions,
): Promise<SparkSubmitResult> {
  const started = performance.now();
  const args = ['--master', options.master];
  if (options.packages?.length) args.push('--packages', options.packages.join(','));
  for (const c of ['spark.ui.showConsoleProgress=false', ...(options.conf ?? [])]) {
    args.push('--conf', c);
  }
  args.push(SPARK_JOB, options.bundle, '--out', options.results);
  const child = spawn(join(spark.sparkHome, 'bin', 'spark-submit'), args, {
    env: sparkProcessEnv(spark),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let ui: string | undefined;
  const tail: string[] = [];
  const lines = (stream: NodeJS.ReadableStream, each: (line: string) => void) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (text: string) => {
      const parts = (rest + text).split('\n');
      rest = parts.pop()!;
      parts.forEach(each);
    });
    stream.on('end', () => rest && each(rest));
  };
  lines(child.stdout, (line) => {
    if (!line.startsWith('chainlens-progress ')) return;
    const event = JSON.parse(line.slice('chainlens-progress '.length)) as SparkEvent;
    if (event.event === 'started' && typeof event.ui === 'string') ui = event.ui;
    options.onEvent?.(event);
  });
  lines(child.stderr, (line) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
  });
  let timedOut = false;
  const timers: NodeJS.Timeout[] = [];
  if (options.timeoutMs !== undefined) {
    timers.push(
      setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
        timers.push(setTimeout(() => child.kill('SIGKILL'), 10_000));
      }, options.timeoutMs),
    );
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      timers.forEach(clearTimeout);
      resolve({
        timedOut,
        code: code ?? 1,
        ...(ui ? { ui } : {}),
        stderrTail: tail,
        seconds: (performance.now() - started) / 1000,
      });
    });
  });
}
