import { createWriteStream, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Converts one SMD machine (../shared/datasets/smd) into the labelled wide CSV `vigil compare`
 * reads (time, counters…, label): train rows labelled 0 followed by test rows with
 * test_label — exactly the series of the PyTorch reference (torch_ref PROTOCOL.md §1, `smd`).
 *
 *   npx tsx scripts/smd-to-csv.ts ../shared/datasets/smd machine-2-1 out.csv
 */
export async function smdToCsv(dir: string, entity: string, out: string): Promise<{ rows: number; features: number; anomalies: number }> {
  const read = (sub: string) => {
    const gz = join(dir, sub, `${entity}.txt.gz`);
    try {
      return gunzipSync(readFileSync(gz)).toString('utf8');
    } catch {
      return readFileSync(join(dir, sub, `${entity}.txt`), 'utf8');
    }
  };
  const lines = (t: string) => t.split('\n').filter((l) => l.trim() !== '');
  const train = lines(read('train'));
  const test = lines(read('test'));
  const labels = lines(read('test_label'));
  if (labels.length !== test.length) throw new Error(`${entity}: ${test.length} test rows but ${labels.length} labels`);
  const F = (train[0] ?? '').split(',').length;
  const ws = createWriteStream(out);
  const write = (s: string) => new Promise<void>((resolve) => (ws.write(s) ? resolve() : ws.once('drain', () => resolve())));
  await write(`time,${Array.from({ length: F }, (_, i) => `m${i + 1}`).join(',')},label\n`);
  let row = 0;
  for (const l of train) await write(`${row++},${l.trim()},0\n`);
  let anomalies = 0;
  for (let i = 0; i < test.length; i++) {
    const y = Number(labels[i]) === 1 ? 1 : 0;
    anomalies += y;
    await write(`${row++},${test[i]!.trim()},${y}\n`);
  }
  await new Promise<void>((resolve) => ws.end(resolve));
  return { rows: row, features: F, anomalies };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, entity, out] = process.argv.slice(2);
  if (!dir || !entity || !out) {
    console.error('usage: npx tsx scripts/smd-to-csv.ts <smd dir> <entity> <out.csv>');
    process.exit(2);
  }
  const r = await smdToCsv(dir, entity, out);
  console.log(`${out}: ${r.rows} rows × ${r.features} counters, ${r.anomalies} anomalous rows`);
}
