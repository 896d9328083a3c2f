// One-shot read of a container's last log lines (`kubectl logs --tail N [--previous]`), used by
// diagnose to show why a container crashed. Bounded in lines and time.
import type { KubeConfig } from '@kubernetes/client-node';
import { english, type Translate } from '../i18n/translate';
import { fail, ok, type Result } from '../result';
import { LineSplitter } from './lineSplitter';
import { clientNodeLogOpener, LogRequestError, type LogOpener } from './opener';
import { RingBuffer } from './ringBuffer';

export interface TailRequest {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly tailLines: number;
  readonly previous?: boolean;
  readonly timeoutMs?: number;
}

export async function readLogTail(
  config: KubeConfig,
  req: TailRequest,
  t: Translate = english,
  opener: LogOpener = clientNodeLogOpener(config),
): Promise<Result<string[]>> {
  const operation = t('read logs of {0}/{1}', req.namespace, req.pod);
  const keep = new RingBuffer<string>(Math.max(1, req.tailLines));
  const splitter = new LineSplitter();
  return new Promise((resolve) => {
    let settled = false;
    let abort: (() => void) | undefined;
    const settle = (r: Result<string[]>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      abort?.();
      resolve(r);
    };
    const timer = setTimeout(
      () =>
        settle(
          keep.size > 0
            ? ok(keep.toArray())
            : fail({
                kind: 'timeout',
                operation,
                reason: t('no answer within {0} s', Math.round((req.timeoutMs ?? 15_000) / 1000)),
              }),
        ),
      req.timeoutMs ?? 15_000,
    );
    opener(
      {
        namespace: req.namespace,
        pod: req.pod,
        container: req.container,
        follow: false,
        timestamps: false,
        previous: req.previous,
        tailLines: req.tailLines,
      },
      {
        data: (c) => keep.pushAll(splitter.push(c)),
        end: (broken) => {
          keep.pushAll(splitter.end());
          settle(
            broken && keep.size === 0 ? fail({ kind: 'unreachable', operation, reason: broken.message }) : ok(keep.toArray()),
          );
        },
      },
    ).then(
      (o) => {
        abort = () => o.abort();
        if (settled) o.abort();
      },
      (e: unknown) => {
        const status = e instanceof LogRequestError ? e.status : 500;
        const reason =
          status === 400
            ? t('the container has no such log (not started, or no previous instance)')
            : e instanceof Error
              ? e.message
              : String(e);
        settle(
          fail({
            kind: status === 403 ? 'forbidden' : status === 404 || status === 400 ? 'notFound' : 'unreachable',
            operation,
            status,
            reason,
          }),
        );
      },
    );
  });
}
