/** The page's side of the worker protocol: one promise per request, progress by callback. */
import type { Envelope, Reply, Request, Results } from './protocol.js';
import { lang, t } from './i18n.js';

/** An error the worker answered, with its code (`not-available`, `data`). */
export class WorkerError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'WorkerError';
  }
}

export class AnalysisClient {
  private next = 1;
  private pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: (m: string) => void }
  >();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const reply = event.data;
      const p = this.pending.get(reply.id);
      if (!p) return;
      if (reply.kind === 'progress') {
        p.progress?.(reply.message);
        return;
      }
      this.pending.delete(reply.id);
      if (reply.kind === 'result') p.resolve(reply.result);
      else p.reject(new WorkerError(reply.message, reply.code));
    };
    worker.onerror = (event) => {
      const error = new WorkerError(t('viewer:error.workerFailed', { message: event.message }));
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
  }

  call<T extends Request['type']>(
    request: Extract<Request, { type: T }>,
    progress?: (message: string) => void,
  ): Promise<Results[T]> {
    const id = this.next++;
    return new Promise<Results[T]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, progress });
      const envelope = { ...request, id, lang: lang() } as Envelope;
      this.worker.postMessage(envelope);
    });
  }
}
