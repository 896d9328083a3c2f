// The one output channel the extension writes to. Messages are scrubbed of tokens and PEM
// blocks before they are written.
import * as vscode from 'vscode';
import { scrub } from '../core/k8s/errors';

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  show(): void;
}

export function createLogger(name: string): Logger & vscode.Disposable {
  const channel = vscode.window.createOutputChannel(name, { log: true });
  return {
    info: (m) => channel.info(scrub(m)),
    warn: (m) => channel.warn(scrub(m)),
    error: (m) => channel.error(scrub(m)),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
