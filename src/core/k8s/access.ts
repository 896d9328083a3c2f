// Asks the API server what the user may do (SelfSubjectAccessReview), so write actions can be
// hidden up front instead of failing after a click. Answers are cached per session.
import { doing } from '../i18n/text';
import { msg } from '../i18n/translate';
import type { KubeHttp } from './http';

export interface AccessQuestion {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly namespace?: string;
  readonly subresource?: string;
}

export class AccessReviewer {
  private readonly cache = new Map<string, Promise<boolean>>();

  constructor(private readonly http: KubeHttp) {}

  can(q: AccessQuestion): Promise<boolean> {
    const key = [q.verb, q.group, q.resource, q.subresource ?? '', q.namespace ?? ''].join('|');
    let p = this.cache.get(key);
    if (!p) {
      p = this.ask(q);
      this.cache.set(key, p);
      // A failed question is asked again next time rather than remembered as "no".
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  private async ask(q: AccessQuestion): Promise<boolean> {
    const r = await this.http.request<{ status?: { allowed?: boolean } }>(
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      {
        method: 'POST',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: {
              verb: q.verb,
              group: q.group,
              resource: q.resource,
              subresource: q.subresource,
              namespace: q.namespace,
            },
          },
        },
        ...doing(msg('check permissions')),
      },
    );
    if (!r.ok) throw new Error(r.error.reason);
    return r.value?.status?.allowed === true;
  }

  clear(): void {
    this.cache.clear();
  }
}
