// Every runtime string goes through vscode.l10n; bundles live in l10n/ keyed by the English text.
import * as vscode from 'vscode';
import type { Translate } from '../core/i18n/translate';

export const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
