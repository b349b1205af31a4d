import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface Job<R = Record<string, unknown>> {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  total: number;
  result: R | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export const isJobDone = (j: Pick<Job, 'status'> | undefined) => j?.status === 'succeeded' || j?.status === 'failed';

/** Poll a background job every second until it succeeds or fails. */
export function useJob<R = Record<string, unknown>>(jobId: string | null | undefined) {
  return useQuery({
    queryKey: ['jobs', jobId],
    queryFn: ({ signal }) => api.get<Job<R>>(`/jobs/${jobId}`, undefined, signal),
    enabled: !!jobId,
    refetchInterval: (q) => (isJobDone(q.state.data) ? false : 1000),
    staleTime: 0,
  });
}
