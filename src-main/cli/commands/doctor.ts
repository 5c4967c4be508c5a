import type { Command } from 'commander';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { followJobs, withEngine } from '../cli-context';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check this machine: cores, memory, and measured per-worker compute throughput')
    .option('-s, --seconds <s>', 'how long each worker measures', '2')
    .action(async (opts: { seconds: string }) => {
      await withEngine({}, async (engine) => {
        process.stdout.write(`cpu: ${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()}\nmemory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB\n`);
        const stop = followJobs(engine);
        const { done } = engine.startJob('selftest', { seconds: Number(opts.seconds) });
        const r = (await done) as { totalGflops: number; workers: { gflops: number }[] };
        stop();
        process.stdout.write(`\nworker pool: ${r.workers.length} worker(s), ${r.workers.map((w) => w.gflops.toFixed(2)).join(' + ')} = ${r.totalGflops.toFixed(2)} GFLOP/s (float32 64×64 matmul, plain JS)\n`);
      });
    });
}
