// The questions of Port Forward as one guided flow (common/flow.ts): the target (a Service or pod
// of the cluster, or a suite web UI), then the local port, proposed as the port this target had
// last in this workspace (or its documented one). Back from the port leads to the target again;
// Escape at either step cancels and nothing is started.
import type { ForwardSuggestion } from '../../../core/portforward/targets';
import { t } from '../../localize';
import { dismissed } from '../common/deps';
import { runFlow } from '../common/flow';
import { proceed, stop, type Step } from '../common/step';

/** Local port 1–65535 as typed, 0 for "any free port", or a message saying what is wrong. */
export function parseLocalPort(text: string): number | string {
  const v = text.trim();
  if (v === '') return 0;
  if (!/^\d+$/.test(v)) return t('A port is a number from 1 to 65535 (empty: any free port).');
  const n = Number(v);
  return n >= 0 && n <= 65535 ? n : t('A port is a number from 1 to 65535 (empty: any free port).');
}

export interface ForwardAnswer {
  readonly suggestion: ForwardSuggestion;
  /** Undefined when the port is not asked (a setting fixes it); 0 for any free port. */
  readonly localPort?: number;
}

export async function askForward(opts: {
  /** The cluster (namespace/name) or the suite namespace, for the title. */
  readonly where: string;
  readonly context: string;
  readonly suggestions: readonly ForwardSuggestion[];
  /** A target already chosen (a tree node's): only the port is asked. */
  readonly given?: ForwardSuggestion;
  /** The local port to propose, or undefined when a setting fixes it (the step is skipped). */
  readonly proposedPort: (s: ForwardSuggestion) => { readonly fixed: boolean; readonly port?: number };
}): Promise<Step<ForwardAnswer>> {
  const byId = new Map(opts.suggestions.map((s) => [s.id, s]));
  if (opts.given) byId.set(opts.given.id, opts.given);
  const chosen = (id: string | undefined): ForwardSuggestion | undefined => (id === undefined ? undefined : byId.get(id));
  const command = t('Port forward');
  const flow = await runFlow({
    command,
    title: (v) => {
      const s = chosen(v.target);
      return s
        ? t('{0} to {1} ({2}, {3})', command, s.label, opts.where, opts.context)
        : t('{0} ({1}, {2})', command, opts.where, opts.context);
    },
    given: opts.given ? { target: opts.given.id } : {},
    steps: [
      {
        kind: 'pick',
        id: 'target',
        placeholder: t('Forward a local port to…'),
        choices: () =>
          Promise.resolve(
            proceed({
              items: opts.suggestions.map((s) => ({
                label: s.label,
                value: s.id,
                ...(s.purpose ? { description: s.purpose } : {}),
              })),
            }),
          ),
      },
      {
        kind: 'input',
        id: 'port',
        applies: (v) => {
          // Counted before the target is chosen: most targets ask it, so "1/2" is honest.
          const s = chosen(v.target);
          return s === undefined || !opts.proposedPort(s).fixed;
        },
        prompt: t('Local port (empty: any free port; the settings can fix one per target)'),
        initial: (v) => {
          const s = chosen(v.target);
          const p = s ? opts.proposedPort(s).port : undefined;
          return p ? String(p) : '';
        },
        validate: (text) => {
          const p = parseLocalPort(text);
          return typeof p === 'string' ? p : undefined;
        },
      },
    ],
  });
  if (!flow.ok) return flow;
  const suggestion = chosen(flow.value.target);
  if (!suggestion) return stop(dismissed());
  const port = flow.value.port === undefined ? undefined : parseLocalPort(flow.value.port);
  return proceed({ suggestion, ...(typeof port === 'number' ? { localPort: port } : {}) });
}
