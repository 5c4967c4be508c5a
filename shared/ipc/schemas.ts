import { z } from 'zod';
import { JOB_KINDS } from '../domain/jobs';

/** Runtime schemas for everything that crosses from the renderer (DESIGN.md §2). */
export const Empty = z.object({}).strict();

const finiteMs = z.number().finite();
const shortText = z.string().min(1).max(4096);

export const WorkspaceOpenReq = z.object({ path: shortText, create: z.boolean().optional() }).strict();
/** Drop one workspace from the recent list (the folder itself is untouched). */
export const WorkspaceForgetReq = z.object({ path: shortText }).strict();

export const SeriesQueryReq = z
  .object({
    object: shortText,
    counters: z.array(shortText).max(256).optional(),
    fromMs: finiteMs.optional(),
    toMs: finiteMs.optional(),
    /** Down-sample (LTTB) to at most this many points per counter. */
    maxPoints: z.number().int().min(10).max(1_000_000).optional(),
  })
  .strict();

export const LabelSetReq = z.object({ labelSetId: shortText, version: z.number().int().min(1).optional() }).strict();

const SpanInput = z
  .object({
    object: z.string().max(4096).nullable(),
    startMs: finiteMs,
    endMs: finiteMs,
    note: z.string().max(4096).optional(),
  })
  .strict()
  .refine((s) => s.endMs > s.startMs, { message: 'endMs must be after startMs' });

export const LabelEditReq = z
  .object({
    labelSetId: shortText,
    edit: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('add-span'), span: SpanInput }).strict(),
      z.object({ kind: z.literal('remove-span'), spanId: shortText }).strict(),
      z.object({ kind: z.literal('undo') }).strict(),
    ]),
  })
  .strict();

export const JobStartReq = z
  .object({
    kind: z.enum(JOB_KINDS),
    /** Job parameters; each job kind validates its own with a schema of its own. */
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const JobIdReq = z.object({ jobId: shortText }).strict();

export const SettingsSetReq = z
  .object({
    theme: z.enum(['light', 'dark', 'system']).optional(),
    locale: z.enum(['en', 'ko']).optional(),
  })
  .strict();

/** A staged upload's file name: a plain name, never a path (no separators, no `..`, no NUL). */
export const UploadName = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !/[\\/\0]/.test(n), { message: 'file name must not contain path separators' })
  .refine((n) => n !== '.' && n !== '..' && !n.includes('..'), { message: 'file name must not contain ..' })
  .refine((n) => !/^\s|\s$/.test(n), { message: 'file name must not start or end with spaces' });

/** Largest single upload, bytes (a year of logs compressed fits; more goes through `vigil import`). */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024 * 1024;
/** Largest chunk, bytes before base64 (DESIGN.md §2: one wire message stays under 16 MiB). */
export const MAX_UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

const uploadId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'not an upload id');

export const UploadBeginReq = z.object({ name: UploadName, bytes: z.number().int().min(0).max(MAX_UPLOAD_BYTES) }).strict();

export const UploadChunkReq = z
  .object({
    uploadId,
    offset: z.number().int().min(0).max(MAX_UPLOAD_BYTES),
    /** base64 of at most MAX_UPLOAD_CHUNK_BYTES bytes. */
    data: z
      .string()
      .max(Math.ceil(MAX_UPLOAD_CHUNK_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'data must be base64'),
  })
  .strict();

export const UploadIdReq = z.object({ uploadId }).strict();

export const LabelSetIdReq = z.object({ labelSetId: shortText }).strict();

/** A stored run (`runs:get`, `runs:predictions`). */
export const RunIdReq = z.object({ runId: z.string().min(1).max(128) }).strict();

export const RunPredictionsReq = z
  .object({ runId: z.string().min(1).max(128), model: z.string().min(1).max(64), setting: z.string().min(1).max(64) })
  .strict();

/** A report in `<workspace>/reports/`, by base name: a plain name, never a path. */
export const ReportNameReq = z
  .object({
    name: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'not a report name')
      .refine((n) => !n.includes('..'), { message: 'report name must not contain ..' }),
    /** Also return the PDF (base64), when one was printed. */
    pdf: z.boolean().optional(),
  })
  .strict();


export const LabelDiffReq = z.object({ labelSetId: shortText, a: z.number().int().min(1), b: z.number().int().min(1) }).strict();

const minuteOfDay = z.number().int().min(0).max(1440);

export const LabelRulesSchema = z
  .object({
    gapFactor: z.number().positive().max(1000),
    businessHours: z
      .object({
        startMinute: minuteOfDay,
        endMinute: minuteOfDay,
        weekdaysOnly: z.boolean(),
        utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60),
      })
      .strict()
      .nullable(),
  })
  .strict();

export const LabelSetRulesReq = z.object({ labelSetId: shortText, rules: LabelRulesSchema }).strict();

const ReplacementSpan = z
  .object({
    object: z.string().max(4096).nullable(),
    startMs: finiteMs,
    endMs: finiteMs,
    provenance: z.enum(['health-check', 'human', 'model']),
    outageId: z.string().max(256).optional(),
    note: z.string().max(4096).optional(),
  })
  .strict()
  .refine((s) => s.endMs > s.startMs, { message: 'endMs must be after startMs' });

export const LabelReplaceSpansReq = z
  .object({
    labelSetId: shortText,
    spans: z.array(ReplacementSpan).max(100_000),
    /** What the replacement is, e.g. `gap factor k = 4`; stored in the version's edit. */
    note: z.string().min(1).max(512),
    /** The rules of the new version (e.g. the new k); omitted = unchanged. */
    rules: LabelRulesSchema.optional(),
  })
  .strict();

/* ---- Explain area (shared/domain/explain.ts; METHODS.md §7) ---- */

const runIdField = z.string().min(1).max(128);
const modelField = z.string().min(1).max(64);
/** `split/sampling` as stored, e.g. `blocked/full`. */
const settingField = z.string().min(1).max(64);

/** `explain:windows`: candidate windows of a run (outages, false positives / negatives, caught outages). */
export const ExplainWindowsReq = z
  .object({
    runId: runIdField,
    model: modelField,
    setting: settingField,
    kinds: z.array(z.enum(['outage', 'fp', 'fn', 'tp'])).min(1).optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();

/** `explain:window`: one window, by index in the run's windows, or by object + end time. */
export const ExplainWindowReq = z
  .object({
    runId: runIdField,
    model: modelField,
    setting: settingField,
    /** Which fold's model; default: the fold that tested the window (else fold 0). */
    fold: z.number().int().min(0).max(1000).optional(),
    windowIndex: z.number().int().min(0).optional(),
    object: z.string().min(1).max(4096).optional(),
    endMs: finiteMs.optional(),
  })
  .strict()
  .refine((r) => r.windowIndex !== undefined || (r.object !== undefined && r.endMs !== undefined), { message: 'give windowIndex, or object and endMs' });

/** `explain:embedding`: PCA scatter of one fold's window representations. */
export const ExplainEmbeddingReq = z
  .object({
    runId: runIdField,
    model: modelField,
    setting: settingField,
    fold: z.number().int().min(0).max(1000).optional(),
    /** Largest number of points returned (a stratified subsample keeps every anomalous window first). */
    maxPoints: z.number().int().min(10).max(50_000).optional(),
  })
  .strict();

/** Parameters of the `explain` job (`jobs:start` { kind: 'explain', params }): averaged maps of a run. */
export const ExplainAverageParams = z
  .object({
    runId: runIdField,
    model: modelField,
    setting: settingField,
    /** Cap on windows averaged per class (stratified by fold); default all. */
    maxWindows: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

/** `explain:average-get`: the stored result of the last `explain` job for this run / model / setting. */
export const ExplainAverageGetReq = z.object({ runId: runIdField, model: modelField, setting: settingField }).strict();
