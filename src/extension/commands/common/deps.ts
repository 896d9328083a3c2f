// What every command needs from the composition root, and the plain result every command
// returns (so scripts and tests can assert on it).
import { verbatim } from '../../../core/i18n/translate';
import type { FailureKind } from '../../../core/result';
import type { ExplorerHost } from '../../explorerHost';
import type { Logger } from '../../log';

export interface CommandDeps {
  readonly kube: ExplorerHost;
  readonly log: Logger;
}

/** What a command hands back: ok with details, or why it stopped and what it left behind. */
export type CommandResult =
  | ({ readonly ok: true } & Readonly<Record<string, unknown>>)
  | {
      readonly ok: false;
      readonly kind: FailureKind | 'dismissed';
      readonly reason: string;
      readonly changed: boolean;
      readonly leftState?: string;
    };

export const dismissed = (): CommandResult => ({
  ok: false,
  kind: 'dismissed',
  reason: verbatim('dismissed by the user'),
  changed: false,
});
