// The one place where a Failure becomes a user message: what failed, why, what to do, with a
// "Show log" action. Users never see a raw API body.
import * as vscode from 'vscode';
import { operationOf, reasonOf } from '../../core/i18n/text';
import type { Failure } from '../../core/result';
import { t } from '../localize';
import type { Logger } from '../log';

export function adviceFor(f: Failure): string {
  switch (f.kind) {
    case 'noKubeconfig':
      return t('Create a kubeconfig (~/.kube/config) or set KUBECONFIG, then reload.');
    case 'kubeconfigInvalid':
      return t('Fix the kubeconfig file named above.');
    case 'unreachable':
      return t('Check that the cluster is running and that the kubeconfig points at it.');
    case 'timeout':
      return t('The cluster answered too slowly; retry, or raise dolphindbK8s.requestTimeoutSeconds.');
    case 'unauthorized':
      return t('Renew your credentials (token or certificate) in the kubeconfig.');
    case 'forbidden':
      return t('Ask your cluster administrator for this permission.');
    case 'notFound':
      return t('The object no longer exists; refresh the view.');
    case 'conflict':
      return t('The object changed meanwhile; reload it and try again.');
    case 'invalid':
      return t('Correct the input and try again.');
    case 'crdMissing':
      return t('Install the DolphinDB suite first.');
    case 'helmMissing':
      return t('Install helm or set dolphindbK8s.helmPath.');
    case 'helmFailed':
      return t('See the log for helm output.');
    case 'cancelled':
      return '';
    default:
      return t('See the log for details.');
  }
}

export function formatFailure(f: Failure): string {
  const advice = adviceFor(f);
  const what = t('Failed to {0}.', operationOf(f, t));
  return [what, reasonOf(f, t), advice].filter((x) => x).join(' ');
}

export async function showFailure(f: Failure, log: Logger): Promise<void> {
  log.error(`${f.operation}: ${f.kind}: ${f.reason}`);
  if (f.kind === 'cancelled') return;
  const showLog = t('Show log');
  const choice = await vscode.window.showErrorMessage(formatFailure(f), showLog);
  if (choice === showLog) log.show();
}
