// Applies the kubeconfig's TLS material and credentials to a request. For exec-credential
// plugins and auth providers the result is shared: client-node runs the plugin once per request
// unless the plugin states an expiry, and connecting a context starts a dozen requests at once,
// which would start a dozen plugin processes (seconds of CPU on a small machine, and a storm
// against the token service). Static tokens and certificates are applied directly.
import * as path from 'node:path';
import type * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { render, type Text } from '../i18n/text';
import { english, msg } from '../i18n/translate';
import { scrub } from './errors';

type Applied = Omit<https.RequestOptions, 'agent'>;

/** Thrown when a credential plugin fails; errors.ts maps the code to an `unauthorized` failure. */
export class CredentialPluginError extends Error {
  readonly code = 'DDB_CREDENTIAL_PLUGIN';

  constructor(readonly text: Text) {
    super(render(text, english));
  }
}

export class CredentialCache {
  private entry?: { user: string; until: number; applied: Promise<Applied> };

  constructor(
    private readonly config: KubeConfig,
    /** How long a plugin's answer is reused; a 401 ends it early through `invalidate()`. */
    private readonly ttlMs = 60_000,
  ) {}

  async apply(o: https.RequestOptions): Promise<void> {
    const user = this.config.getCurrentUser();
    if (!user || (!user.exec && !user.authProvider)) {
      await this.config.applyToHTTPSOptions(o);
      return;
    }
    const now = Date.now();
    if (!this.entry || this.entry.user !== user.name || this.entry.until <= now) {
      const applied = this.runPlugin(user.exec?.command);
      this.entry = { user: user.name, until: now + this.ttlMs, applied };
      // A failed plugin run is not remembered: the next request tries again.
      applied.catch(() => {
        if (this.entry?.applied === applied) this.entry = undefined;
      });
    }
    const { headers, ...rest } = await this.entry.applied;
    Object.assign(o, rest);
    o.headers = { ...(o.headers as Record<string, string>), ...(headers as Record<string, string>) };
  }

  /** Forget the shared answer, e.g. after the server refused it with 401. */
  invalidate(): void {
    this.entry = undefined;
  }

  private async runPlugin(command: string | undefined): Promise<Applied> {
    const scratch: https.RequestOptions = { headers: {} };
    try {
      await this.config.applyToHTTPSOptions(scratch);
    } catch (e) {
      const first =
        String((e as Error)?.message ?? e)
          .split('\n')
          .find((l) => l.trim()) ?? '';
      const detail = scrub(first).slice(0, 200);
      const text: Text = command
        ? first
          ? { message: msg('the credential plugin "{0}" failed: {1}'), args: [path.basename(command), detail] }
          : { message: msg('the credential plugin "{0}" failed'), args: [path.basename(command)] }
        : first
          ? { message: msg('the auth provider failed: {0}'), args: [detail] }
          : { message: msg('the auth provider failed'), args: [] };
      throw new CredentialPluginError(text);
    }
    const { agent: _agent, ...rest } = scratch;
    return rest;
  }
}
