/** Saves `data` (text, Blob or a data: URL) as a file through a temporary link. */
export function downloadFile(name: string, data: string | Blob, mime = 'text/plain;charset=utf-8'): void {
  const href = typeof data === 'string' && data.startsWith('data:') ? data : URL.createObjectURL(typeof data === 'string' ? new Blob([data], { type: mime }) : data);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (href.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Copies text; without clipboard access (insecure origin, denied permission) downloads it instead. */
export async function copyOrDownload(text: string, fileName: string, mime: string): Promise<'copied' | 'downloaded'> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    downloadFile(fileName, text, mime);
    return 'downloaded';
  }
}

/** PNG of a live chart (2× pixels, opaque background). */
export function chartPng(chart: { getDataURL(o: { type: 'png'; pixelRatio: number; backgroundColor: string }): string }, background: string): string {
  return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background });
}

/** `Vigil ROC blocked-full` → `vigil-roc-blocked-full`. */
export function fileSlug(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
