import { VigilError } from '../../../../shared/errors';
import type { AccessLogFormatId, AccessLogFormatOption, AccessRecord } from './access-record';
import { excerpt, QMARK, SP } from './byte-utils';
import { createFormat, detectFormat } from './format-detect';
import type { LineFormat } from './line-format';
import { decodeLogBytes } from './log-input';

/**
 * Which lines are worth a full parse when only health checks matter (METHODS.md §2). A line is
 * a candidate when its request path is one of `paths` (exact, before any `?`) or when it contains
 * one of `userAgentMarkers` anywhere. Everything else is counted and skipped unparsed.
 */
export interface CandidateFilter {
  /** May grow while reading (the reader picks up appended paths at the next chunk). */
  paths: readonly string[];
  userAgentMarkers: readonly string[];
  /**
   * Searching every byte for several agent names costs more than the whole parse (≈ 130 MB/s
   * for five names), so with a window the markers are searched only in the first `bytes` of
   * the file and at least its first `ms` of log time; afterwards only `paths` select lines.
   * The caller learns the paths probe agents use inside the window (access-log-outages.ts).
   */
  markerWindow?: { bytes: number; ms: number };
}

export interface ReadAccessLogOptions {
  /** Name used in evidence and error messages (not opened: the caller hands the bytes). */
  file: string;
  format?: AccessLogFormatOption;
  /** Apache LogFormat / nginx log_format string when format is `pattern` (log-pattern.ts). */
  pattern?: string;
  /** Called for every parsed record (with `candidates`, only for candidate lines). */
  onRecord: (r: AccessRecord) => void;
  candidates?: CandidateFilter;
  /**
   * A gzip stream that ends early or is corrupt: `error` (default) throws PARSE_ERROR naming the
   * file and the lines read; `keep` returns normally with `truncated` set so the caller can
   * decide to use the lines read so far (the incomplete last line is dropped).
   */
  onTruncated?: 'error' | 'keep';
  /** Longer lines are counted and skipped, not buffered (default 1 MiB). */
  maxLineBytes?: number;
  /** Throw on the first malformed line instead of counting it. */
  strict?: boolean;
  /** An empty input returns a zero result instead of throwing EMPTY_INPUT (e.g. a fresh `access.log`). */
  allowEmpty?: boolean;
}

export interface ReadAccessLogResult {
  file: string;
  format: AccessLogFormatId | null;
  gzip: boolean;
  /** Decompressed bytes seen. */
  bytes: number;
  /** Every line, including blank, directive, oversized and skipped ones. */
  lines: number;
  /** Lines handed to `onRecord`. */
  records: number;
  /** Lines that were parsed and did not fit the format (only parsed lines are checked). */
  malformedLines: number;
  /** First few malformed lines, each a PARSE_ERROR with file/line/column. */
  errors: VigilError[];
  oversizedLines: number;
  truncated: { linesRead: number; message: string } | null;
}

const SAMPLE_BYTES = 64 * 1024;
const MAX_ERRORS = 10;

export async function readAccessLog(input: AsyncIterable<Buffer>, opts: ReadAccessLogOptions): Promise<ReadAccessLogResult> {
  const file = opts.file;
  const maxLine = opts.maxLineBytes ?? 1024 * 1024;
  const res: ReadAccessLogResult = {
    file, format: null, gzip: false, bytes: 0, lines: 0, records: 0, malformedLines: 0, errors: [], oversizedLines: 0, truncated: null,
  };
  let fmt: LineFormat | null = opts.format && opts.format !== 'auto' ? createFormat(opts.format, opts.pattern) : null;
  const onRecord = opts.onRecord;
  const strict = opts.strict === true;

  // Candidate filter, compiled to bytes.
  const cand = opts.candidates;
  let pathBytes: Buffer[] = [];
  let pathSet = new Set<string>();
  // Quick reject on the byte after the leading '/': most request paths fail here.
  const secondByte = new Uint8Array(256);
  const compilePaths = () => {
    pathBytes = (cand?.paths ?? []).map((p) => Buffer.from(p, 'latin1'));
    pathSet = new Set(cand?.paths ?? []);
    secondByte.fill(0);
    for (const pb of pathBytes) {
      if (pb.length === 1) {
        secondByte[SP] = 1;
        secondByte[QMARK] = 1;
      } else secondByte[pb[1]!] = 1;
    }
  };
  compilePaths();
  const markers = cand ? cand.userAgentMarkers.map((m) => Buffer.from(m, 'latin1')) : [];
  const markerText = cand?.userAgentMarkers ?? [];
  const markerPos = new Float64Array(markers.length);
  let markerBuf: Buffer | null = null;
  let markersActive = markers.length > 0;
  const window = cand?.markerWindow;
  let windowFirstMs = NaN;
  let parsedCount = 0;

  const malformed = (why: string, buf: Buffer, s: number, e: number, line: number) => {
    res.malformedLines++;
    const err = new VigilError('PARSE_ERROR', `${file}:${line}: ${why}: ${excerpt(buf, s, e)}`, {
      where: { file, line, column: 1, field: fmt?.id ?? 'line' },
      hint: `Check that ${file} is a ${fmt?.id ?? 'supported'} access log; pick the format or a pattern explicitly if auto-detection chose wrong.`,
    });
    if (strict) throw err;
    if (res.errors.length < MAX_ERRORS) res.errors.push(err);
    // A file where most parsed lines fail is the wrong format, not a few bad lines.
    if (parsedCount >= 100 && res.malformedLines * 2 > parsedCount) {
      throw new VigilError('PARSE_ERROR', `${file}: ${res.malformedLines} of ${parsedCount} lines do not parse as ${fmt?.id}; first: ${res.errors[0]?.message ?? why}`, {
        where: res.errors[0]?.where ?? { file, line },
        hint: 'The file is not in the detected format; choose the format or supply a pattern.',
      });
    }
  };

  const parseLine = (buf: Buffer, s: number, e: number, line: number) => {
    parsedCount++;
    const r = fmt!.parse(buf, s, e, line, file);
    if (r === null) return;
    if (typeof r === 'string') return malformed(r, buf, s, e, line);
    if (cand && !fmt!.requestPathStart) {
      // No byte fast path for this format: filter on the parsed record.
      if (!pathSet.has(r.path) && !(markersActive && markerText.some((m) => r.userAgent.includes(m)))) return;
    }
    res.records++;
    onRecord(r);
  };

  const pathMatches = (buf: Buffer, p: number, e: number): boolean => {
    if (buf[p] !== 0x2f || secondByte[buf[p + 1]!] === 0) return false;
    for (let k = 0; k < pathBytes.length; k++) {
      const pb = pathBytes[k]!;
      const n = pb.length;
      if (p + n >= e) continue;
      let ok = true;
      for (let j = 1; j < n; j++) {
        if (buf[p + j] !== pb[j]) {
          ok = false;
          break;
        }
      }
      const after = buf[p + n];
      if (ok && (after === SP || after === QMARK)) return true;
    }
    return false;
  };

  // Per line: the hot path. `s..e` excludes the line break (and a CR before it).
  const onLine = (buf: Buffer, s: number, e: number, line: number) => {
    if (!cand || !fmt!.requestPathStart) return parseLine(buf, s, e, line);
    let hit = false;
    if (markersActive) {
      if (buf !== markerBuf) {
        markerBuf = buf;
        markerPos.fill(-1);
      }
      for (let k = 0; k < markers.length; k++) {
        let mp = markerPos[k]!;
        if (mp < s) {
          mp = buf.indexOf(markers[k]!, s);
          markerPos[k] = mp = mp < 0 ? Infinity : mp;
        }
        if (mp < e) hit = true;
      }
    }
    if (!hit) {
      const p = fmt!.requestPathStart(buf, s, e);
      if (p < 0 || !pathMatches(buf, p, e)) return;
    }
    parseLine(buf, s, e, line);
  };

  let lineNo = 0;
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let pendingOversized = false;

  const binaryError = (line: number, column: number) =>
    new VigilError('UNSUPPORTED_FORMAT', `${file}:${line}:${column}: binary data (NUL byte) in an access log`, {
      where: { file, line, column },
      hint: 'This is not a text access log (or it is compressed with something other than gzip).',
    });

  const finishPending = (trailingNewline: boolean) => {
    if (!trailingNewline && pendingLen === 0 && !pendingOversized) return;
    lineNo++;
    if (pendingOversized) {
      res.oversizedLines++;
    } else {
      // One concatenation per line, however many chunks it spanned (no quadratic growth).
      const b = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingLen);
      let e = b.length;
      if (e > 0 && b[e - 1] === 13) e--;
      const nul = b.indexOf(0);
      if (nul >= 0 && nul < e) throw binaryError(lineNo, nul + 1);
      onLine(b, 0, e, lineNo);
    }
    pending = [];
    pendingLen = 0;
    pendingOversized = false;
  };

  const addPending = (b: Buffer) => {
    if (pendingOversized) return;
    if (pendingLen + b.length > maxLine) {
      pendingOversized = true;
      pending = [];
      pendingLen = 0;
      return;
    }
    // Copy: the producer may reuse its buffer after we yield.
    pending.push(Buffer.from(b));
    pendingLen += b.length;
  };

  /** Ends the marker window once enough bytes and log time have gone by (see CandidateFilter). */
  const checkWindow = (chunk: Buffer) => {
    if (!window || !fmt?.requestPathStart) return;
    // Log time of the chunk's first complete line (one parse per chunk).
    const a = chunk.indexOf(10);
    const b = a < 0 ? -1 : chunk.indexOf(10, a + 1);
    if (b > a + 1) {
      const r = fmt.parse(chunk, a + 1, chunk[b - 1] === 13 ? b - 1 : b, 0, file);
      if (r && typeof r === 'object') {
        if (Number.isNaN(windowFirstMs)) windowFirstMs = r.timeMs;
        if (res.bytes >= window.bytes && r.timeMs - windowFirstMs >= window.ms) markersActive = false;
      }
    }
  };

  const processChunk = (chunk: Buffer) => {
    res.bytes += chunk.length;
    if (cand && cand.paths.length !== pathBytes.length) compilePaths();
    try {
      processLines(chunk);
    } finally {
      // After the chunk: its lines were searched; decide for the next one.
      if (markersActive) checkWindow(chunk);
    }
  };

  const processLines = (chunk: Buffer) => {
    let nul = chunk.indexOf(0);
    let pos = 0;
    const len = chunk.length;
    if (pendingLen > 0 || pendingOversized) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        if (nul >= 0 && !pendingOversized) throw binaryError(lineNo + 1, pendingLen + nul + 1);
        addPending(chunk);
        return;
      }
      addPending(chunk.subarray(0, nl));
      finishPending(true);
      pos = nl + 1;
      if (nul >= 0 && nul < pos) nul = chunk.indexOf(0, pos);
    }
    for (;;) {
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) break;
      lineNo++;
      let e = nl;
      if (e > pos && chunk[e - 1] === 13) e--;
      if (e - pos > maxLine) res.oversizedLines++;
      else {
        if (nul >= 0 && nul < nl) throw binaryError(lineNo, nul - pos + 1);
        onLine(chunk, pos, e, lineNo);
      }
      pos = nl + 1;
    }
    if (pos < len) {
      if (nul >= pos) throw binaryError(lineNo + 1, nul - pos + 1);
      addPending(chunk.subarray(pos));
    }
  };

  let sample: Buffer[] | null = fmt ? null : [];
  let sampleLen = 0;
  const startWithSample = () => {
    const s = Buffer.concat(sample!, sampleLen);
    sample = null;
    const nul = s.indexOf(0);
    if (nul < 0 && s.length < SAMPLE_BYTES && s.toString('latin1').trim() === '') {
      if (opts.allowEmpty) return;
      throw new VigilError('EMPTY_INPUT', `${file} holds only blank lines`, { where: { file }, hint: 'Pick a file that holds access-log lines.' });
    }
    const id = detectFormat(nul >= 0 ? s.subarray(0, s.lastIndexOf(10, nul) + 1) : s);
    if (!id) {
      const printable = s.subarray(0, 4096).filter((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127)).length;
      const binary = nul >= 0 || printable < Math.min(4096, s.length) * 0.9;
      throw new VigilError('UNSUPPORTED_FORMAT', `${file}: ${binary ? 'binary data, not a text access log' : 'not a recognised access-log format'}`, {
        where: { file, line: 1 },
        hint: 'Supported: Apache/nginx common and combined, IIS W3C extended, AWS ALB/ELB, or a LogFormat pattern you supply.',
      });
    }
    fmt = createFormat(id);
    processChunk(s);
  };

  try {
    for await (const chunk of decodeLogBytes(input, () => (res.gzip = true))) {
      if (sample) {
        sample.push(chunk);
        sampleLen += chunk.length;
        if (sampleLen >= SAMPLE_BYTES) startWithSample();
        continue;
      }
      processChunk(chunk);
    }
  } catch (e) {
    if (e instanceof VigilError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (!code.startsWith('Z_') && !/unexpected end of file|incorrect header|invalid (block|distance|stored)/i.test(String((e as Error).message))) throw e;
    const truncated = code === 'Z_BUF_ERROR' || /unexpected end of file/i.test((e as Error).message);
    const message = `${file}: gzip data ${truncated ? 'ends early (truncated file)' : 'is corrupt'} after ${lineNo} complete lines (${res.bytes} bytes decompressed)`;
    if (opts.onTruncated === 'keep') {
      res.truncated = { linesRead: lineNo, message };
      res.lines = lineNo;
      res.format = fmt?.id ?? null;
      return res;
    }
    throw new VigilError('PARSE_ERROR', message, {
      where: { file, line: lineNo + 1 },
      hint: `Lines 1–${lineNo} were read. Re-copy the file, or ask to keep the lines read so far (onTruncated: 'keep').`,
      cause: e,
    });
  }
  if (sample) {
    if (sampleLen === 0) {
      if (opts.allowEmpty) return res;
      throw new VigilError('EMPTY_INPUT', `${file} is empty`, { where: { file }, hint: 'Pick a file that holds access-log lines.' });
    }
    startWithSample();
  }
  finishPending(false);
  res.lines = lineNo;
  res.format = fmt?.id ?? null;
  return res;
}
