/** The only way the renderer talks to the engine (DESIGN.md §1). */
export { getApi } from './get-api';
export { ApiContext, useApi, useConnectionState, useEvent, useRequest } from './hooks';
export { toVigilError } from './to-vigil-error';
export { runJob } from './run-job';
export { useJob } from './use-job';
export type { RunningJob } from './use-job';
export type { JobProgress } from './run-job';
export type { RequestOptions, RequestState, WorkspaceChange } from './hooks';
export type { ConnectionState } from './wire-client';
