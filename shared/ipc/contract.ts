import type { z } from 'zod';
import type { JobEvent, JobState, JobSummary, SerializedError } from '../domain/jobs';
import type { SeriesSummary } from '../domain/series';
import type { Outage } from '../domain/outage';
import type { LabelDiff, LabelSetSummary, LabelSetVersion, LabelVersionSummary } from '../domain/labels';
import type { BackendInfo } from '../domain/models';
import type { ReportFile, RunDetail, RunPredictions } from '../domain/runs';
import type { AveragedMaps, EmbeddingScatter, ExplainCandidate, WindowExplanation } from '../domain/explain';
import {
  Empty,
  JobIdReq,
  JobStartReq,
  LabelDiffReq,
  LabelEditReq,
  LabelReplaceSpansReq,
  LabelSetIdReq,
  LabelSetReq,
  LabelSetRulesReq,
  SeriesQueryReq,
  SettingsSetReq,
  UploadBeginReq,
  UploadChunkReq,
  UploadIdReq,
  WorkspaceOpenReq,
  WorkspaceForgetReq,
  RunIdReq,
  RunPredictionsReq,
  ReportNameReq,
  ExplainWindowsReq,
  ExplainWindowReq,
  ExplainEmbeddingReq,
  ExplainAverageGetReq,
} from './schemas';

/**
 * The one typed contract between the renderer and the engine (DESIGN.md §2). Request channels
 * are `domain:verb`; each has a runtime schema for its request and a static response type.
 * Both transports (Electron IPC and the loopback WebSocket of `vigil serve`) carry exactly this.
 */
function channel<S extends z.ZodType, Res>(req: S): { req: S; res: Res } {
  return { req, res: undefined as Res };
}

export interface AppInfo {
  version: string;
  transport: 'electron' | 'loopback';
  platform: string;
  cores: number;
  workspace: WorkspaceInfo | null;
  recentWorkspaces: string[];
  settings: UiSettings;
}

export interface UiSettings {
  theme: 'light' | 'dark' | 'system';
  locale: 'en' | 'ko';
}

/** A workspace opened before (user settings), and whether its folder still holds a workspace. */
export interface RecentWorkspace {
  path: string;
  /** Epoch ms; 0 when not known (remembered by an older version). */
  lastOpenedMs: number;
  missing: boolean;
}

export interface WorkspaceInfo {
  path: string;
  schemaVersion: number;
  counts: { objects: number; seriesRows: number; outages: number; labelSets: number; runs: number; imports: number };
}

export interface ImportRecord {
  id: string;
  file: string;
  kind: string;
  rows: number;
  importedAtMs: number;
  detail: Record<string, unknown>;
}

export interface SeriesPoints {
  object: string;
  counters: string[];
  /** [T] epoch ms. */
  times: number[];
  /** [C][T]; null = missing. */
  values: (number | null)[][];
}

export interface RunSummary {
  id: string;
  createdAtMs: number;
  kind: string;
  state: JobState;
  labelSetId: string | null;
  labelVersion: number | null;
  seed: number | null;
  backend: BackendInfo | null;
  settings: Record<string, unknown>;
}

export const contract = {
  'app:info': channel<typeof Empty, AppInfo>(Empty),
  'settings:set': channel<typeof SettingsSetReq, UiSettings>(SettingsSetReq),
  'workspace:open': channel<typeof WorkspaceOpenReq, WorkspaceInfo>(WorkspaceOpenReq),
  'workspace:info': channel<typeof Empty, WorkspaceInfo>(Empty),
  /** The last 10 workspaces opened, most recent first. */
  'workspace:recent': channel<typeof Empty, RecentWorkspace[]>(Empty),
  'workspace:forget': channel<typeof WorkspaceForgetReq, RecentWorkspace[]>(WorkspaceForgetReq),
  'imports:list': channel<typeof Empty, ImportRecord[]>(Empty),
  'series:list': channel<typeof Empty, SeriesSummary[]>(Empty),
  'series:query': channel<typeof SeriesQueryReq, SeriesPoints>(SeriesQueryReq),
  'outages:list': channel<typeof Empty, Outage[]>(Empty),
  'labels:list': channel<typeof Empty, LabelSetSummary[]>(Empty),
  'labels:get': channel<typeof LabelSetReq, LabelSetVersion>(LabelSetReq),
  'labels:edit': channel<typeof LabelEditReq, LabelSetVersion>(LabelEditReq),
  'labels:versions': channel<typeof LabelSetIdReq, LabelVersionSummary[]>(LabelSetIdReq),
  'labels:diff': channel<typeof LabelDiffReq, LabelDiff>(LabelDiffReq),
  'labels:set-rules': channel<typeof LabelSetRulesReq, LabelSetVersion>(LabelSetRulesReq),
  'labels:replace-spans': channel<typeof LabelReplaceSpansReq, LabelSetVersion>(LabelReplaceSpansReq),
  /** Staging of files sent by a renderer without file paths (browser transport): begin → chunk… → finish. */
  'uploads:begin': channel<typeof UploadBeginReq, { uploadId: string }>(UploadBeginReq),
  'uploads:chunk': channel<typeof UploadChunkReq, { received: number }>(UploadChunkReq),
  'uploads:finish': channel<typeof UploadIdReq, { path: string; bytes: number }>(UploadIdReq),
  'uploads:cancel': channel<typeof UploadIdReq, { cancelled: boolean }>(UploadIdReq),
  'jobs:start': channel<typeof JobStartReq, { jobId: string }>(JobStartReq),
  'jobs:cancel': channel<typeof JobIdReq, { cancelled: boolean }>(JobIdReq),
  'jobs:list': channel<typeof Empty, JobSummary[]>(Empty),
  'jobs:log': channel<typeof JobIdReq, string[]>(JobIdReq),
  'runs:list': channel<typeof Empty, RunSummary[]>(Empty),
  'runs:get': channel<typeof RunIdReq, RunDetail>(RunIdReq),
  'runs:predictions': channel<typeof RunPredictionsReq, RunPredictions>(RunPredictionsReq),
  'engine:backend': channel<typeof Empty, BackendInfo>(Empty),
  'reports:list': channel<typeof Empty, ReportFile[]>(Empty),
  /** The report's HTML (text) and, when printed, its PDF as base64. */
  'reports:read': channel<typeof ReportNameReq, { html: string; pdfBase64: string | null }>(ReportNameReq),
  /** Explain area (METHODS.md §7): candidate windows of a run's model (outages, FP, FN, caught). */
  'explain:windows': channel<typeof ExplainWindowsReq, ExplainCandidate[]>(ExplainWindowsReq),
  /** One window's maps (activation, Grad-CAM, saliency / attention, occlusion) beside its raw values. */
  'explain:window': channel<typeof ExplainWindowReq, WindowExplanation>(ExplainWindowReq),
  /** PCA 2-D scatter of one fold's window representations, coloured by label. */
  'explain:embedding': channel<typeof ExplainEmbeddingReq, EmbeddingScatter>(ExplainEmbeddingReq),
  /** The stored averaged maps (normal vs anomalous) of the last `explain` job; null when none ran yet. */
  'explain:average-get': channel<typeof ExplainAverageGetReq, AveragedMaps | null>(ExplainAverageGetReq),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['req']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['req']>;
export type ResponseOf<C extends Channel> = Contract[C]['res'];

/** Event channels pushed from the engine to every connected renderer. */
export interface EventMap {
  'job:event': JobEvent;
  'job:finished': { jobId: string; state: JobState; result?: unknown; error?: SerializedError };
  'workspace:changed': { what: 'series' | 'outages' | 'labels' | 'runs' | 'imports' | 'workspace' };
}
export type EventName = keyof EventMap;
export const EVENT_NAMES: readonly EventName[] = ['job:event', 'job:finished', 'workspace:changed'];

export function isChannel(x: unknown): x is Channel {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(contract, x);
}

/** Wire messages of the loopback transport (Electron IPC uses invoke/handle for the same pairs). */
export type WireMessage =
  | { type: 'req'; id: number; channel: string; payload: unknown }
  | { type: 'res'; id: number; ok: true; result: unknown }
  | { type: 'res'; id: number; ok: false; error: SerializedError }
  | { type: 'event'; event: EventName; payload: unknown };

/** The surface the renderer sees, whatever the transport. */
export interface VigilApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  readonly transport: 'electron' | 'loopback';
}
