// Red Hat's YAML extension reports YAML syntax problems (and duplicate keys) in every YAML file,
// ours included; with it present our server leaves those to it, so each problem shows once. The
// DolphinDB rules are still ours. Presence, not activation, decides: it activates on any YAML
// document, which is also the only time our server has anything to say, and VS Code has no event
// for another extension's activation (onDidChange covers install, uninstall, enable, disable).
import * as vscode from 'vscode';

export const REDHAT_YAML_ID = 'redhat.vscode-yaml';

export interface SyntaxProblemsSwitch extends vscode.Disposable {
  /** Whether our server should report YAML syntax problems now. */
  readonly report: boolean;
  readonly onDidChange: vscode.Event<boolean>;
}

/** True when Red Hat YAML is there and validating (its own `yaml.validate` setting, default true). */
function redhatYamlValidates(): boolean {
  if (!vscode.extensions.getExtension(REDHAT_YAML_ID)) return false;
  return vscode.workspace.getConfiguration('yaml').get<boolean>('validate', true) !== false;
}

export function watchSyntaxProblems(): SyntaxProblemsSwitch {
  const emitter = new vscode.EventEmitter<boolean>();
  let report = !redhatYamlValidates();
  const update = (): void => {
    const next = !redhatYamlValidates();
    if (next === report) return;
    report = next;
    emitter.fire(report);
  };
  const subscriptions = [
    vscode.extensions.onDidChange(update),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('yaml.validate') && update()),
  ];
  return {
    get report() {
      return report;
    },
    onDidChange: emitter.event,
    dispose: () => {
      for (const s of subscriptions) s.dispose();
      emitter.dispose();
    },
  };
}
