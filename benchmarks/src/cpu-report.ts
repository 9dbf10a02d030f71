/**
 * Preloaded (`node --import`) into each process of the start-up benchmark: at exit, writes the
 * process's CPU time (user + system, worker threads included) to stderr as one marker line, so
 * that the benchmark can report CPU beside wall time (wall time on a shared machine mostly
 * measures the other jobs).
 */
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\nCHAINLENS_CPU_MS ${((user + system) / 1000).toFixed(1)}\n`);
});
