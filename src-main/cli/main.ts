import { Command } from 'commander';
import { registerServe } from './commands/serve';
import { registerDoctor } from './commands/doctor';
import { registerDemo } from './commands/demo';
import { registerInfo } from './commands/info';
import { registerImport } from './commands/import';
import { registerGaps } from './commands/gaps';
import { registerLabel } from './commands/label';
import { registerCompare } from './commands/compare';
import { registerReport } from './commands/report';
import { registerExplain } from './commands/explain';
import { registerTrainScore } from './commands/train-score';
import { reportError } from './cli-context';

const program = new Command();
program
  .name('vigil')
  .description('Vigil — Scouter counters + access logs → outage labels → CNN/LSTM/contrastive detectors → honest comparison → offline report')
  .showHelpAfterError()
  .exitOverride();

registerDemo(program);
registerImport(program);
registerGaps(program);
registerLabel(program);
registerCompare(program);
registerTrainScore(program);
registerReport(program);
registerExplain(program);
registerInfo(program);
registerServe(program);
registerDoctor(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const code = (e as { code?: string }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') process.exit(0);
  if (typeof code === 'string' && code.startsWith('commander.')) process.exit(2);
  process.exit(reportError(e));
}
