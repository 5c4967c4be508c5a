import { useMemo, useState } from 'react';
import { useRequest } from '../ipc';
import { useT } from '../ui/i18n';
import { RequestView } from '../ui/RequestView';
import { useExplainColors } from './colors';
import { ExplainChart } from './ExplainChart';
import { embeddingOption } from './explain-options';

/** The PCA scatter of one fold's window representations, coloured by label; click a point to explain that window. */
export function EmbeddingPanel({ runId, model, setting, fold, selected, onPick }: { runId: string; model: string; setting: string; fold: number | null; selected: number | null; onPick(windowIndex: number): void }) {
  const t = useT();
  const colors = useExplainColors();
  const [shown, setShown] = useState(false);
  const req = useRequest('explain:embedding', shown ? { runId, model, setting, maxPoints: 4000, ...(fold === null ? {} : { fold }) } : null, { refetchOn: ['runs'] });
  const names = useMemo(() => ({ normal: t('explain.emb.normal'), anomalous: t('explain.emb.anomalous') }), [t]);
  if (!shown) {
    return (
      <button type="button" className="btn" onClick={() => setShown(true)} data-testid="explain-emb-show">
        {t('explain.emb.show')}
      </button>
    );
  }
  return (
    <RequestView state={req} what={t('explain.what.embedding')}>
      {(e) => (
        <>
          <p className="explain-meta muted">
            {t('explain.emb.meta', { fold: e.fold, source: e.source, v1: (e.explainedVariance[0] * 100).toFixed(0), v2: (e.explainedVariance[1] * 100).toFixed(0) })} · {t('explain.emb.hint')}
          </p>
          <ExplainChart
            title={t('explain.emb.title')}
            option={embeddingOption(e, names, colors, selected)}
            height={320}
            testId="explain-embedding"
            fileName={`${model}-embedding-fold-${e.fold}`}
            onPoint={(v) => {
              const w = v[2];
              if (w !== undefined && w >= 0) onPick(w);
            }}
          />
        </>
      )}
    </RequestView>
  );
}
