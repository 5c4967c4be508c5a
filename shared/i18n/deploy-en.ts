/**
 * English strings of the Training area's "deploy a detector" panel (train for scoring, score the
 * workspace, show the flags), spread into `en`. Korean: deploy-ko.ts.
 */
export const deployEn = {
  'deploy.title': 'Deploy a detector',
  'deploy.body':
    'Train one model on every labelled window of the workspace, then score every window with it. The flagged stretches become a label set of model flags in the Labels area — predictions, never used as training labels unless you pick that set yourself.',
  'deploy.model': 'Model',
  'deploy.window': 'Window (rows)',
  'deploy.samplingUnsupervised': 'Unsupervised detectors read no labels: they always fit on every window.',
  'deploy.budget': 'Alert budget (per day)',
  'deploy.budgetDefault': 'model default',
  'deploy.budgetHint':
    'With a budget the threshold is chosen on the training windows so that it flags at most that many of them a day; empty keeps the model\'s own rule (p ≥ 0.5, or a detector\'s calibrated threshold).',
  'deploy.train': 'Train for scoring',
  'deploy.training': 'Training…',
  'deploy.scoring': 'Scoring with {run}',
  'deploy.invalid': 'Epochs, batch size, seed and window must be whole numbers in range; the budget a number ≥ 0.',
  'deploy.trained': 'Trained {model} in {seconds} s — threshold {threshold}. Score the workspace with it below.',
  'deploy.scored': 'Scored {windows} windows with {model}: {flagged} flagged in {spans} stretch(es).',
  'deploy.trainFailed': 'Training failed',
  'deploy.scoreFailed': 'Scoring failed',
  'deploy.col.model': 'Model',
  'deploy.runTitle': 'Run {run}',
  'deploy.col.created': 'Trained',
  'deploy.col.labels': 'Labels',
  'deploy.col.threshold': 'Threshold',
  'deploy.col.trainingFlags': 'On training windows',
  'deploy.col.lastScore': 'Last scoring',
  'deploy.col.actions': 'Actions',
  'deploy.thresholdDefault': '{threshold} (p ≥ 0.5)',
  'deploy.thresholdDetector': '{threshold} (detector\'s own)',
  'deploy.thresholdBudget': '{threshold} (≤ {budget} alerts/day)',
  'deploy.load': '{share} · {perDay}/day',
  'deploy.lastScore': '{flagged} flagged · {spans} stretch(es)',
  'deploy.notScored': 'not yet',
  'deploy.score': 'Score',
  'deploy.showFlags': 'Show flags in Labels',
  'deploy.showFlagsShort': 'Show flags',
} as const;
