// The exit of an exec session, read from the Status the API server sends on the error channel:
// `Success` is 0; a `NonZeroExitCode` failure carries the code as an `ExitCode` cause. Any other
// failure (the command could not start, the container is gone) has no code, only a message,
// except that runtimes built on Go's os/exec (KWOK's local exec among them) report a non-zero
// exit as an InternalError whose message ends in Go's ExitError text, `exit status N`.
import { type Text } from '../i18n/text';
import { msg, type Msg } from '../i18n/translate';

export interface ShellExit {
  /** The command's exit code; undefined when it did not run to an end (see `message`). */
  readonly code: number | undefined;
  /** Why there is no code, or the API server's message for a failure. */
  readonly message?: string;
  /** Our own words for `message`, to translate at the edge (the API server's text has none). */
  readonly text?: Text;
}

/** An end with no code and no server message (the connection closed, the user closed it). */
export function endedWithout(message: Msg & string): ShellExit {
  return { code: undefined, message, text: { message, args: [] } };
}

interface StatusLike {
  readonly status?: string;
  readonly reason?: string;
  readonly message?: string;
  readonly details?: { readonly causes?: readonly { readonly reason?: string; readonly message?: string }[] };
}

export function exitOf(status: StatusLike): ShellExit {
  if (status.status === 'Success') return { code: 0 };
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = cause?.message !== undefined ? Number.parseInt(cause.message, 10) : Number.NaN;
  if (status.reason === 'NonZeroExitCode' && Number.isInteger(code)) return { code, message: status.message };
  const go = /exit status (\d+)\s*$/.exec(status.message ?? '');
  if (go) return { code: Number.parseInt(go[1], 10), message: status.message };
  if (status.message ?? status.reason) return { code: undefined, message: status.message ?? status.reason };
  return endedWithout(msg('the command failed'));
}
