// The questions of Install Suite and Check Suite Prerequisites as one guided flow
// (common/flow.ts): namespace, chart source (and file), license file (checked when picked), then
// the Helm values: service type, StorageClass and, for NodePort, the node address. A script's
// answers skip their steps: `values` skips the three value questions, `confirm` takes the
// defaults for namespace and chart, as before the flow.
import { DEFAULT_CHART_REPO_REF, SERVICE_TYPES, type ServiceType, type SuiteValues } from '../../../core/operations';
import type { KubeHttp } from '../../../core/k8s/http';
import { checkLabel } from '../../../core/operations/input';
import { t } from '../../localize';
import { extraRecord, type Answers } from '../common/answers';
import type { CommandDeps } from '../common/deps';
import { runFlow, type FlowStep, type FlowValues } from '../common/flow';
import { lifecycleSettings } from '../common/settings';
import { proceed, type Step } from '../common/step';
import type { ChosenChart } from './chartSource';
import { nodeAddresses, storageClassChoices } from './clusterChoices';
import { licenseFileStep } from './licenseStep';

export interface InstallAnswers {
  readonly namespace: string;
  readonly chart: ChosenChart;
  readonly licenseFile: string;
  readonly values: SuiteValues;
}

const REPO = 'repo';
const FILE = 'file';

function serviceTypeDetail(s: ServiceType): string {
  switch (s) {
    case 'NodePort':
      return t('On a port (30000-32767) of every node: works without a load balancer.');
    case 'ClusterIP':
      return t('Inside the cluster only; reach it with a port forward.');
    case 'LoadBalancer':
      return t("An external address from the cloud provider's load balancer.");
  }
}

function steps(deps: CommandDeps, http: KubeHttp, withValues: boolean, nodeIps: readonly string[]): FlowStep[] {
  const settings = lifecycleSettings();
  const version = settings.chartVersion || undefined;
  const list: FlowStep[] = [
    {
      kind: 'input',
      id: 'namespace',
      prompt: t('Namespace for the DolphinDB suite'),
      initial: () => settings.suiteNamespace,
      validate: (v) => checkLabel(t, t('Namespace'), v),
    },
    {
      kind: 'pick',
      id: 'chart',
      placeholder: t('DolphinDB suite chart'),
      choices: () =>
        Promise.resolve(
          proceed({
            items: [
              {
                label: t('From the repository {0}', settings.chartRepository),
                value: REPO,
                detail: version ? t('chart version {0}', version) : t('newest chart version'),
              },
              { label: t('From a local chart file (.tgz)'), value: FILE, detail: t('for machines without internet access') },
            ],
          }),
        ),
    },
    {
      kind: 'file',
      id: 'chartFile',
      applies: (v) => v.chart === FILE,
      dialogTitle: t('DolphinDB suite chart'),
      filters: { [t('Helm charts')]: ['tgz'] },
      validate: () => Promise.resolve(undefined), // the chart is read and checked by Helm
    },
    licenseFileStep(deps, 'licenseFile'),
  ];
  if (!withValues) return list;
  return [
    ...list,
    {
      kind: 'pick',
      id: 'serviceType',
      placeholder: t('How the suite web pages are reached (global.serviceType)'),
      choices: () => Promise.resolve(proceed({ items: SERVICE_TYPES.map((s) => ({ label: s, detail: serviceTypeDetail(s) })) })),
    },
    {
      kind: 'pick',
      id: 'storageClass',
      placeholder: t('StorageClass for the suite and DolphinDB volumes'),
      choices: () => storageClassChoices(http),
    },
    {
      kind: 'input',
      id: 'nodePortIP',
      applies: (v) => v.serviceType === 'NodePort',
      prompt: t('IP address of a node, used in links to DolphinDB (dolphindb-webserver.nodePortIP)'),
      initial: () => nodeIps[0] ?? '',
      validate: (v) => (v.trim() === '' ? t('Enter the address of a node.') : undefined),
    },
  ];
}

function chartOf(v: FlowValues): ChosenChart {
  const version = lifecycleSettings().chartVersion || undefined;
  if (v.chart === FILE && v.chartFile) return { chart: { kind: 'file', path: v.chartFile } };
  return { chart: { kind: 'repo', ref: DEFAULT_CHART_REPO_REF }, ...(version ? { version } : {}) };
}

/** Asks what the answers lack; `command` names the flow ("Install…", "Check…"). */
export async function askInstall(
  deps: CommandDeps,
  a: Answers,
  target: { context: string; http: KubeHttp },
  command: string,
): Promise<Step<InstallAnswers>> {
  const scripted = extraRecord(a, 'values');
  const given: Record<string, string> = {};
  const ns = a.namespace ?? (a.confirm ? lifecycleSettings().suiteNamespace : undefined);
  if (ns !== undefined) given.namespace = ns;
  if (a.chartFile) Object.assign(given, { chart: FILE, chartFile: a.chartFile });
  else if (a.confirm === true) given.chart = REPO;
  if (a.licenseFile) given.licenseFile = a.licenseFile;
  // Read once, before the first question: the NodePort step proposes the first address.
  const ips = scripted === undefined ? await nodeAddresses(target.http) : [];
  const flow = await runFlow({
    command,
    title: (v) => t('{0} in {1}', command, v.namespace ? `${target.context}/${v.namespace}` : target.context),
    steps: steps(deps, target.http, scripted === undefined, ips),
    given,
  });
  if (!flow.ok) return flow;
  const v = flow.value;
  // Scripted values go to checkSuiteValues in the core before anything runs.
  const values: SuiteValues = scripted
    ? (scripted as SuiteValues)
    : {
        serviceType: v.serviceType as ServiceType,
        storageClass: v.storageClass ?? '',
        ...(v.nodePortIP ? { nodePortIP: v.nodePortIP } : {}),
      };
  return proceed({ namespace: v.namespace ?? '', chart: chartOf(v), licenseFile: v.licenseFile ?? '', values });
}
