// Public surface of the editor-free cluster operations (issue 5). Each operation takes an
// OperationContext, validates before it changes anything, has a plan…() twin for the
// confirmation dialog, and returns an Outcome (a Result whose failure says what state is left).
export type { ClusterRef, Plan, Outcome, OperationFailure } from './outcome';
export { locateHelm, helmVersion, parseHelmVersion, type HelmInfo } from './helm';
export {
  RELEASE_NAME,
  DEFAULT_CHART_REPO_REF,
  SERVICE_TYPES,
  buildInstallArgs,
  buildUninstallArgs,
  buildReuseValuesArgs,
  checkSuiteValues,
  checkChart,
  escapeSetValue,
  displayCommand,
  type ChartSource,
  type SuiteValues,
  type ServiceType,
  type SuiteComponentKey,
  type KubeTarget,
} from './helmArgs';
export {
  installSuite,
  planInstallSuite,
  uninstallSuite,
  planUninstallSuite,
  type InstallSuiteOptions,
  type UninstallSuiteOptions,
  type InstallPlan,
  type HelmRunOptions,
  type HelmRunResult,
} from './suite';
export {
  checkEnvironment,
  type CheckStatus,
  type EnvironmentCheck,
  type EnvironmentReport,
  type SuiteState,
} from './environment';
export { preflightInstall, type PreflightCheck, type PreflightReport, type CheckSeverity } from './preflight';
export { waitForSuite, type WaitSuiteOptions, type SuiteReadiness } from './waitSuite';
export { applyCluster, planApplyCluster, type ApplyClusterOptions, type ApplyPlan, type ApplyResult } from './create';
export { upgrade, planUpgrade, checkTargetVersion, type UpgradeOptions, type UpgradePlan, type UpgradeResult } from './upgrade';
export { scale, planScale, checkScale, MAX_REPLICAS, type ScaleOptions, type ScalePlan, type ScaleResult } from './scale';
export {
  configure,
  planConfigure,
  checkConfigure,
  type ConfigureChanges,
  type ConfigurePlan,
  type ConfigureResult,
  type ConfigureOptions,
} from './configure';
export { restart, planRestart, restartOrder, type RestartScope, type RestartPlan } from './restart';
export {
  pauseInstance,
  resumeInstance,
  addInstanceService,
  removeInstanceService,
  planInstanceChange,
  checkInstanceAction,
  type InstanceAction,
  type InstanceTarget,
  type InstanceChangeResult,
  type InstanceOptions,
} from './instances';
export {
  addVolume,
  planAddVolume,
  checkAddVolume,
  type AddVolumeRequest,
  type VolumeSource,
  type AddVolumeResult,
  type VolumeOptions,
} from './volumes';
export { deleteCluster, planDeleteCluster, type DeleteOptions, type DeleteResult } from './delete';
export {
  swapLicense,
  planLicenseSwap,
  restoreLicense,
  planRestoreLicense,
  type LicenseSwapOptions,
  type LicenseSwapPlan,
  type LicenseSwapResult,
  type LicenseSwapPartial,
  type RestoreLicenseRequest,
  type RestoreLicenseResult,
} from './license';
export { readLicenseBackup, backupConfigMapName, type LicenseBackup } from './licenseBackup';
export { readLicenseFile, type LicenseFile, type LicenseSource } from './licenseFile';
export {
  corePatternCommands,
  corePatternInstructions,
  planSetCoreDumpDir,
  setCoreDumpDir,
  installedChartVersion,
  readCoreDumpDir,
  CORE_DUMP_DIR_DEFAULT,
  type SetCoreDumpDirOptions,
  type CoreDumpPlan,
  type CoreDumpSetting,
} from './coredump';
export { readSupportedVersions, type SupportedVersions } from './suiteConfig';
export type { RollingReport, RollingOptions, PodTarget } from './rolling';
export type { RolloutReport, RolloutOptions } from './rollout';
export { installLocalPath, planInstallLocalPath, type LocalPathPlan, type LocalPathResult } from './localPath';
export {
  localPathManifest,
  LOCAL_PATH_STORAGE_CLASS,
  LOCAL_PATH_PROVISIONER_IMAGE,
  type LocalPathOptions,
} from './localPathManifest';
