import { z } from 'zod';
import { JOB_KINDS } from '../domain/jobs';

/** Runtime schemas for everything that crosses from the renderer (DESIGN.md §2). */
export const Empty = z.object({}).strict();

const finiteMs = z.number().finite();
const shortText = z.string().min(1).max(4096);

export const WorkspaceOpenReq = z.object({ path: shortText, create: z.boolean().optional() }).strict();

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
