/**
 * English strings of ablations and robustness curves (issue #5 items 4–5) in the Training and
 * Compare areas, spread into `en`. Korean: robust-ko.ts.
 */
export const robustEn = {
  'training.form.ablations': 'Ablations',
  'training.form.ablationsHint': 'Each ablation runs as its own model, on the same folds: the same model with one part switched off.',
  'training.form.unsupervised': 'Unsupervised',
  'training.form.robustness': 'Robustness curves',
  'training.form.robustnessHint': 'Each level is an extra run of every model on the same folds (first split and sampling setting). Levels are shares, comma-separated.',
  'training.form.robustness.noise': 'Injected noise on test features (sd as a share of the training range)',
  'training.form.robustness.label-noise': 'Label noise for evaluation (share of test labels flipped)',
  'training.form.robustness.shift': 'Distribution shift (share of the earliest time trained on; tested on the last 20 %)',
  'training.form.robustness.reduced': 'Reduced training data (share of the latest training windows kept)',
  'training.form.robustness.reduced-first': 'Reduced training data (share of the earliest training windows kept)',
  'training.form.robustnessInvalid': 'Levels must be comma-separated shares between 0 and 1.',
  'compare.robust.title': 'Robustness',
  'compare.robust.setting': 'Run on {setting}; mean ± sd over folds.',
  'compare.robust.kind.noise': 'Injected noise',
  'compare.robust.kind.label-noise': 'Evaluation label noise',
  'compare.robust.kind.shift': 'Distribution shift',
  'compare.robust.kind.reduced': 'Reduced training data (latest kept)',
  'compare.robust.kind.reduced-first': 'Reduced training data (earliest kept)',
  'compare.robust.axis.noise': 'noise sd, % of the training range',
  'compare.robust.axis.label-noise': '% of test labels flipped',
  'compare.robust.axis.shift': '% of the earliest time trained on',
  'compare.robust.axis.reduced': '% of training windows kept',
  'compare.robust.axis.reduced-first': '% of training windows kept',
  'compare.robust.metric.f1': 'F1',
  'compare.robust.metric.rocAuc': 'ROC-AUC',
  'compare.robust.metric.prAuc': 'PR-AUC',
  'compare.robust.metric.eventRecall': 'Event recall',
} as const;
