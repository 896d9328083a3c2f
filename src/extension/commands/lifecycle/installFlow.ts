// The questions of Install Suite and Check Suite Prerequisites as one guided flow
// (common/flow.ts): namespace, chart source and version (chartChoice.ts), license file (checked
// when picked), then the Helm values: service type, StorageClass (storageChoice.ts) and, for
// NodePort, the node address. A script's answers skip their steps: `values` skips the value
// questions, `confirm` takes the defaults for namespace and chart, as before the flow.
import * as path from 'node:path';
import { DEFAULT_CHART_REPO_REF, SERVICE_TYPES, checkChart, type ServiceType, type SuiteValues } from '../../../core/operations';
import { localChartVersion, localChartVersions, readRepositoryVersions } from '../../../core/operations/chartVersions';
import type { KubeHttp } from '../../../core/k8s/http';
import type { OperationContext } from '../../../core/operation';
import { checkLabel, checkSubdomain } from '../../../core/operations/input';
import { t } from '../../localize';
import { extraRecord, type Answers } from '../common/answers';
import type { CommandDeps } from '../common/deps';
import { refusedResult } from '../common/failures';
import { runFlow, type FlowStep, type PickList } from '../common/flow';
import { quietContext } from '../common/runOperation';
import { lifecycleSettings } from '../common/settings';
import { proceed, stop, type Step } from '../common/step';
import type { ChosenChart } from './chartSource';
import { CHART_FILE, CHART_REPO, chartOf, givenChart, NEWEST, TYPE_VERSION } from './chartChoice';
import { nodeAddresses, storageClassChoices } from './clusterChoices';
import { acceptsInvalidLicense, licenseFileStep, type LicenseOverrides } from './licenseStep';
import { asksTypedStorageClass, storageClassAnswer } from './storageChoice';

export interface InstallAnswers {
  readonly namespace: string;
  readonly chart: ChosenChart;
  readonly licenseFile: string;
  /** The license failed a check and the user (or the script) chose to use it anyway. */
  readonly acceptInvalidLicense: boolean;
  readonly values: SuiteValues;
}

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

/** The versions the repository index lists, the newest first; the setting's version highlighted. */
export async function repoVersionChoices(ctx: OperationContext): Promise<Step<PickList>> {
  const settings = lifecycleSettings();
  const read = await readRepositoryVersions(ctx, settings.chartRepository);
  const newest = {
    label: t('Let Helm choose'),
    value: NEWEST,
    detail: t('No --version: Helm installs the newest chart in the repository.'),
  };
  const typed = { label: t('$(edit) Type a version…'), value: TYPE_VERSION };
  if (!read.ok) {
    const fromSetting = settings.chartVersion ? [{ label: settings.chartVersion, description: t('setting') }] : [];
    return proceed({
      items: [...fromSetting, newest, typed],
      notice: { label: t('The versions of {0} cannot be read.', settings.chartRepository), detail: read.error.reason },
    });
  }
  const items = read.value.map((v, i) => ({
    label: v,
    ...(v === settings.chartVersion ? { description: t('setting') } : i === 0 ? { description: t('the newest listed') } : {}),
  }));
  return proceed({
    items: [...items, newest, typed],
    active: settings.chartVersion && read.value.includes(settings.chartVersion) ? settings.chartVersion : read.value[0],
    ...(read.value.length === 0 ? { notice: { label: t('The repository lists no {0} chart.', 'dolphindb-mgr') } } : {}),
  });
}

/** The chart files next to the picked one (dolphindb-mgr-<version>.tgz), the picked one highlighted. */
export async function localVersionChoices(file: string): Promise<Step<PickList>> {
  const found = await localChartVersions(file);
  const picked = found.some((c) => c.path === path.resolve(file))
    ? []
    : [{ label: path.basename(file), value: file, description: localChartVersion(file) ?? t('version not in the file name') }];
  const items = [...picked, ...found.map((c) => ({ label: c.version, value: c.path, description: path.basename(c.path) }))];
  return proceed({ items, active: path.resolve(file) });
}

function steps(
  deps: CommandDeps,
  http: KubeHttp,
  withValues: boolean,
  nodeIps: readonly string[],
  overrides: LicenseOverrides,
): FlowStep[] {
  const settings = lifecycleSettings();
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
                value: CHART_REPO,
                detail: t('then pick one of the versions it lists'),
              },
              {
                label: t('From a local chart file (.tgz)'),
                value: CHART_FILE,
                detail: t('for machines without internet access'),
              },
            ],
          }),
        ),
    },
    {
      kind: 'pick',
      id: 'chartVersion',
      applies: (v) => v.chart === CHART_REPO,
      placeholder: t('Chart version to install'),
      choices: () => repoVersionChoices(quietContext(deps)),
    },
    {
      kind: 'input',
      id: 'chartVersionTyped',
      applies: (v) => v.chart === CHART_REPO && v.chartVersion === TYPE_VERSION,
      prompt: t('Chart version, such as v1.1.7'),
      initial: () => settings.chartVersion,
      validate: (v) => checkChart(t, { kind: 'repo', ref: DEFAULT_CHART_REPO_REF }, v.trim())[0],
    },
    {
      kind: 'file',
      id: 'chartFile',
      applies: (v) => v.chart === CHART_FILE,
      dialogTitle: t('DolphinDB suite chart'),
      filters: { [t('Helm charts')]: ['tgz'] },
      validate: () => Promise.resolve(undefined), // the chart is read and checked by Helm
    },
    {
      kind: 'pick',
      id: 'chartLocal',
      applies: (v) => v.chart === CHART_FILE,
      placeholder: t('Chart version to install (the chart files in that folder)'),
      choices: (v) => localVersionChoices(v.chartFile ?? ''),
    },
    licenseFileStep(deps, 'licenseFile', overrides),
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
      id: 'storageClassName',
      applies: (v) => asksTypedStorageClass(v, 'storageClass'),
      prompt: t('Name of the StorageClass'),
      initial: () => '',
      validate: (v) => checkSubdomain(t, t('StorageClass'), v.trim()),
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

/** Asks what the answers lack; `command` names the flow ("Install…", "Check…"). */
export async function askInstall(
  deps: CommandDeps,
  a: Answers,
  target: { context: string; http: KubeHttp },
  command: string,
): Promise<Step<InstallAnswers>> {
  const scripted = extraRecord(a, 'values');
  const given: Record<string, string> = givenChart(a, lifecycleSettings().chartVersion);
  const ns = a.namespace ?? (a.confirm ? lifecycleSettings().suiteNamespace : undefined);
  if (ns !== undefined) given.namespace = ns;
  if (a.licenseFile) given.licenseFile = a.licenseFile;
  // Read once, before the first question: the NodePort step proposes the first address.
  const ips = scripted === undefined ? await nodeAddresses(target.http) : [];
  const overrides: LicenseOverrides = new Set();
  const flow = await runFlow({
    command,
    title: (v) => t('{0} in {1}', command, v.namespace ? `${target.context}/${v.namespace}` : target.context),
    steps: steps(deps, target.http, scripted === undefined, ips, overrides),
    given,
  });
  if (!flow.ok) return flow;
  const v = flow.value;
  // Scripted values go to checkSuiteValues in the core before anything runs.
  const values: SuiteValues = scripted
    ? (scripted as SuiteValues)
    : {
        serviceType: v.serviceType as ServiceType,
        storageClass: storageClassAnswer(v, 'storageClass', 'storageClassName') ?? '',
        ...(v.nodePortIP ? { nodePortIP: v.nodePortIP } : {}),
      };
  const chart = chartOf(v);
  if (!chart) return stop(refusedResult(deps, 'invalid', command, t('An answer is missing.')));
  const licenseFile = v.licenseFile ?? '';
  const acceptInvalidLicense = acceptsInvalidLicense(deps, a, licenseFile, overrides);
  return proceed({ namespace: v.namespace ?? '', chart, licenseFile, acceptInvalidLicense, values });
}
