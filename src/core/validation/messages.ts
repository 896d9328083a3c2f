// Message templates (English and Simplified Chinese) and the catalogue of problem codes.
// Problems carry `messageKey` + `args`, so the language server renders them in the editor's
// locale; `{name}` placeholders are filled from args. Keep both languages in step: a unit test
// checks every key has both and that they use the same placeholders.

export type Locale = 'en' | 'zh-cn';

interface Template {
  readonly en: string;
  readonly zh: string;
}

export const MESSAGES = {
  'yaml.syntax': { en: 'YAML syntax error: {detail}', zh: 'YAML 语法错误：{detail}' },
  'yaml.duplicateKey': {
    en: 'Map keys must be unique: {key} appears more than once (the API server keeps only the last).',
    zh: '映射中的键必须唯一：{key} 出现了多次（API server 只保留最后一个）。',
  },
  'yaml.warning': { en: 'YAML warning: {detail}', zh: 'YAML 警告：{detail}' },
  'doc.tooLarge': {
    en: 'Document not validated: it is {sizeKiB} KiB, above the {limitKiB} KiB limit for one DolphinDB object.',
    zh: '未校验该文档：其大小为 {sizeKiB} KiB，超过单个 DolphinDB 对象 {limitKiB} KiB 的上限。',
  },
  'doc.timeBudget': {
    en: 'Validation stopped after {ms} ms; the remaining documents were not checked.',
    zh: '校验在 {ms} 毫秒后停止，其余文档未检查。',
  },
  'doc.aliasLimit': {
    en: 'Too many YAML aliases ({count}); alias expansion stopped here and the rest of this document was checked only partly.',
    zh: 'YAML 别名过多（{count} 个），已停止展开，本文档其余部分只做了部分检查。',
  },
  'doc.tooDeep': {
    en: 'Nesting deeper than {depth} levels is not checked.',
    zh: '嵌套超过 {depth} 层的部分不做检查。',
  },
  'doc.visitLimit': {
    en: 'This document expands to more than {count} values (aliases included); the rest was not checked.',
    zh: '该文档展开后超过 {count} 个值（含别名展开），其余部分未检查。',
  },
  'doc.internalError': {
    en: 'Validation of this document stopped on an internal error; please report it.',
    zh: '该文档的校验因内部错误而停止，请报告此问题。',
  },
  'doc.tooManyProblems': {
    en: 'More than {count} problems; the rest are not shown.',
    zh: '问题超过 {count} 个，其余的不再显示。',
  },
  'identity.apiVersion': {
    en: 'apiVersion must be dolphindb.dolphindb.io/v1 for kind DolphinDB (got {value}).',
    zh: 'kind 为 DolphinDB 时 apiVersion 必须为 dolphindb.dolphindb.io/v1（当前为 {value}）。',
  },
  'identity.apiVersionMissing': {
    en: 'apiVersion is missing; a DolphinDB object needs apiVersion: dolphindb.dolphindb.io/v1.',
    zh: '缺少 apiVersion；DolphinDB 对象需要 apiVersion: dolphindb.dolphindb.io/v1。',
  },
  'identity.kind': {
    en: 'kind must be DolphinDB for apiVersion {apiVersion} (got {value}).',
    zh: 'apiVersion 为 {apiVersion} 时 kind 必须为 DolphinDB（当前为 {value}）。',
  },
  'identity.kindMissing': {
    en: 'kind is missing; a DolphinDB object needs kind: DolphinDB.',
    zh: '缺少 kind；DolphinDB 对象需要 kind: DolphinDB。',
  },
  'name.missing': { en: 'metadata.name is required: it is the cluster name.', zh: '必须设置 metadata.name：它就是集群名。' },
  'name.dns1123': {
    en: "metadata.name '{value}' must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.",
    zh: "metadata.name '{value}' 必须是 DNS-1123 标签：只含小写字母、数字和 '-'，以字母或数字开头和结尾，最多 63 个字符。",
  },
  'name.long': {
    en: 'metadata.name is {length} characters long; keep it at most 40 so derived names such as {example} stay within Kubernetes limits.',
    zh: 'metadata.name 长度为 {length} 个字符；建议不超过 40 个，以免 {example} 等派生名称超出 Kubernetes 限制。',
  },
  'mode.missing': {
    en: "spec.mode is not set and the operator's default is not documented; set mode: cluster or mode: standalone.",
    zh: 'spec.mode 未设置，operator 的默认值没有文档说明；请明确设置 mode: cluster 或 mode: standalone。',
  },
  'schema.enum': { en: '{path} must be one of {allowed} (got {value}).', zh: '{path} 必须是 {allowed} 之一（当前为 {value}）。' },
  'schema.enumCase': {
    en: '{path} must be one of {allowed} (got {value}); values are case-sensitive: use {suggestion}.',
    zh: '{path} 必须是 {allowed} 之一（当前为 {value}）；取值区分大小写，请使用 {suggestion}。',
  },
  'schema.type': {
    en: '{path} must be of type {expected} (got {actual}).',
    zh: '{path} 的类型必须是 {expected}（当前为 {actual}）。',
  },
  'schema.pattern': { en: "{path}: '{value}' does not have the expected format.", zh: "{path}：'{value}' 格式不正确。" },
  'schema.minimum': { en: '{path} must be at least {limit} (got {value}).', zh: '{path} 不能小于 {limit}（当前为 {value}）。' },
  'schema.maximum': { en: '{path} must be at most {limit} (got {value}).', zh: '{path} 不能大于 {limit}（当前为 {value}）。' },
  'schema.minLength': { en: '{path} must be at least {limit} characters long.', zh: '{path} 至少需要 {limit} 个字符。' },
  'schema.maxLength': { en: '{path} must be at most {limit} characters long.', zh: '{path} 最多 {limit} 个字符。' },
  'schema.required': { en: '{path} is missing the required field {field}.', zh: '{path} 缺少必填字段 {field}。' },
  'schema.unknownKey': {
    en: 'Unknown field {key} in {parent}; the operator ignores it.',
    zh: '{parent} 中有未知字段 {key}；operator 会忽略它。',
  },
  'schema.unknownKeySuggest': {
    en: 'Unknown field {key} in {parent}; did you mean {suggestion}?',
    zh: '{parent} 中有未知字段 {key}；是否应为 {suggestion}？',
  },
  'field.controllerOnly': {
    en: '{key} is only read under spec.controller; under {parent} it is ignored.',
    zh: '{key} 只在 spec.controller 下生效；在 {parent} 下会被忽略。',
  },
  'field.dataComputeOnly': {
    en: '{key} is only read under spec.datanode and spec.computenode; use clusterConfig or controllerConfig under spec.controller.',
    zh: '{key} 只在 spec.datanode 和 spec.computenode 下生效；控制节点请使用 clusterConfig 或 controllerConfig。',
  },
  'clusterType.missing': {
    en: 'mode: cluster requires spec.clusterType (singlecontroller or multicontroller).',
    zh: 'mode: cluster 时必须设置 spec.clusterType（singlecontroller 或 multicontroller）。',
  },
  'singlecontroller.replicas': {
    en: 'singlecontroller requires exactly 1 controller (spec.controller.replicas is {replicas}).',
    zh: 'singlecontroller 要求恰好 1 个控制节点（spec.controller.replicas 为 {replicas}）。',
  },
  'multicontroller.replicas': {
    en: 'multicontroller requires at least 3 controllers (spec.controller.replicas is {replicas}).',
    zh: 'multicontroller 要求至少 3 个控制节点（spec.controller.replicas 为 {replicas}）。',
  },
  'multicontroller.even': {
    en: 'multicontroller with {replicas} controllers: an even number tolerates no more failures than {lower}; use an odd number.',
    zh: 'multicontroller 使用 {replicas} 个控制节点：偶数个节点的容错能力并不比 {lower} 个更强，建议使用奇数。',
  },
  'standalone.extra': {
    en: 'standalone mode allows only spec.datanode with replicas 1; remove {keys}.',
    zh: '单机模式只允许 spec.datanode 且 replicas 为 1；请删除 {keys}。',
  },
  'standalone.replicas': {
    en: 'standalone mode runs exactly 1 datanode (spec.datanode.replicas is {replicas}).',
    zh: '单机模式只运行 1 个数据节点（spec.datanode.replicas 为 {replicas}）。',
  },
  'standalone.noDatanode': {
    en: 'standalone mode needs spec.datanode with replicas 1.',
    zh: '单机模式需要 spec.datanode，且 replicas 为 1。',
  },
  'cluster.missingRole': { en: 'mode: cluster needs a spec.{role} block.', zh: 'mode: cluster 需要 spec.{role} 配置块。' },
  'cluster.noDatanodes': {
    en: 'spec.datanode.replicas is 0: a cluster without datanodes stores no data.',
    zh: 'spec.datanode.replicas 为 0：没有数据节点的集群无法存储数据。',
  },
  'version.missing': { en: 'spec.version is required, e.g. v2.00.16.', zh: '必须设置 spec.version，例如 v2.00.16。' },
  'version.format': {
    en: "spec.version '{value}' must look like v2.00.16 or v2.00.13.4 ('v', major, two-digit minor, patch, optional build).",
    zh: "spec.version '{value}' 格式应类似 v2.00.16 或 v2.00.13.4（'v'、主版本、两位次版本、补丁号、可选构建号）。",
  },
  'version.unsupported': {
    en: 'spec.version {value} is not offered by the installed DolphinDB suite (dolphindb-env-config); closest: {closest}.',
    zh: 'spec.version {value} 不在已安装 DolphinDB 套件（dolphindb-env-config）支持的版本中；最接近的版本：{closest}。',
  },
  'resources.limitBelowRequest': {
    en: 'spec.{role}.resources.limits.{resource} ({limit}) must be >= requests.{resource} ({request}).',
    zh: 'spec.{role}.resources.limits.{resource}（{limit}）必须不小于 requests.{resource}（{request}）。',
  },
  'quantity.invalid': {
    en: '{path}: \'{value}\' is not a valid Kubernetes quantity (e.g. 1Gi, 500m, "0"); 10GB is not valid, write 10G or 10Gi.',
    zh: '{path}：\'{value}\' 不是有效的 Kubernetes 数量（例如 1Gi、500m、"0"）；10GB 无效，请写 10G 或 10Gi。',
  },
  'quantity.notString': {
    en: '{path} must be a quoted quantity string such as "1Gi" (got {actual}).',
    zh: '{path} 必须是加引号的数量字符串，例如 "1Gi"（当前为 {actual}）。',
  },
  'quantity.negative': { en: '{path} must not be negative (got {value}).', zh: '{path} 不能为负数（当前为 {value}）。' },
  'logCleanLimit.range': {
    en: 'spec.logCleanLimit must be a quoted decimal in (0, 1], e.g. "0.9" (got {value}).',
    zh: 'spec.logCleanLimit 必须是 (0, 1] 之间、加引号的小数，例如 "0.9"（当前为 {value}）。',
  },
  'config.notString': {
    en: '{path}: DolphinDB configuration values must be strings; quote it as "{value}".',
    zh: '{path}：DolphinDB 配置值必须是字符串，请加引号写成 "{value}"。',
  },
  'volumeMount.noVolume': {
    en: "{path} '{name}' does not match any volume in {scope}.",
    zh: "{path} '{name}' 与 {scope} 中的任何卷都不匹配。",
  },
  'volumeMount.noVolumeEither': {
    en: "{path} '{name}' does not match any volume in {scope} or {instanceScope}.",
    zh: "{path} '{name}' 与 {scope} 或 {instanceScope} 中的任何卷都不匹配。",
  },
  'instances.key': {
    en: "Instance key '{key}' must be a non-negative integer index (0, 1, …).",
    zh: "实例键 '{key}' 必须是非负整数序号（0、1、…）。",
  },
  'instances.duplicate': {
    en: 'Instance index {index} is given twice (keys {key} and {other}); the API server keeps only one.',
    zh: '实例序号 {index} 出现了两次（键 {key} 和 {other}）；API server 只会保留一个。',
  },
  'instances.beyondReplicas': {
    en: 'spec.{role}.instances.{key} has no instance: {role} has {replicas} replica(s), so indices end at {last}.',
    zh: 'spec.{role}.instances.{key} 没有对应实例：{role} 只有 {replicas} 个副本，序号最大为 {last}。',
  },
  'instances.noReplicas': {
    en: 'spec.{role}.instances.{key} has no instance: {role} has 0 replicas.',
    zh: 'spec.{role}.instances.{key} 没有对应实例：{role} 的副本数为 0。',
  },
  'licenseServer.unsupported': {
    en: 'licenseServerAddress requires a DolphinDB version that supports a license server ({version} does not).',
    zh: 'licenseServerAddress 要求 DolphinDB 版本支持 license server（{version} 不支持）。',
  },
  'pv.belowMinimum': {
    en: 'spec.{role}.{field} ({value}) is below spec.minPersistentVolumeSize ({min}).',
    zh: 'spec.{role}.{field}（{value}）小于 spec.minPersistentVolumeSize（{min}）。',
  },
  'capacity.exceeded': {
    en: 'spec.{role}.resources.requests ({cpu} CPU, {memory} memory) exceed what any node can offer (largest node: {nodeCpu} CPU, {nodeMemory} memory); the pods will stay Pending.',
    zh: 'spec.{role}.resources.requests（CPU {cpu}，内存 {memory}）超出了任何节点的可用资源（最大节点：CPU {nodeCpu}，内存 {nodeMemory}）；Pod 将一直处于 Pending。',
  },
  'pvc.missing': {
    en: 'PersistentVolumeClaim {claim} does not exist in the namespace; create it first or the pod cannot start.',
    zh: '命名空间中不存在 PersistentVolumeClaim {claim}；请先创建，否则 Pod 无法启动。',
  },
  'namespace.missing': {
    en: 'Namespace {namespace} does not exist in the connected cluster; create it first (kubectl create namespace {namespace}) or applying fails.',
    zh: '当前连接的集群中不存在命名空间 {namespace}；请先创建（kubectl create namespace {namespace}），否则应用会失败。',
  },
  'cluster.exists': {
    en: 'A DolphinDB cluster named {name} already exists in namespace {namespace}; applying this document updates it.',
    zh: '命名空间 {namespace} 中已存在名为 {name} 的 DolphinDB 集群；应用此文档会更新该集群。',
  },
  'storageClass.missing': {
    en: 'StorageClass {value} does not exist in the cluster (available: {available}).',
    zh: '集群中不存在 StorageClass {value}（可用：{available}）。',
  },
} as const satisfies Record<string, Template>;

export type MessageKey = keyof typeof MESSAGES;

/** The path argument for the top level of a document (a word, not data: translated by formatMessage). */
export const DOCUMENT_ROOT = '(document root)';
const ARG_WORDS_ZH: Readonly<Record<string, string>> = { [DOCUMENT_ROOT]: '（文档根）' };

/** Fills `{name}` placeholders; unknown placeholders stay as written. */
export function formatMessage(key: MessageKey, args: Readonly<Record<string, string | number>>, locale: Locale = 'en'): string {
  const t: Template = MESSAGES[key];
  const template = locale === 'zh-cn' ? t.zh : t.en;
  const word = (v: string | number): string => (locale === 'zh-cn' ? (ARG_WORDS_ZH[String(v)] ?? String(v)) : String(v));
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? word(args[name]) : whole));
}

/** Maps a VS Code / LSP locale (`zh-cn`, `zh-CN`, `zh-hans`, `en-us`…) to one we have. */
export function pickLocale(locale: string | undefined): Locale {
  const l = (locale ?? '').toLowerCase();
  return l === 'zh' || l.startsWith('zh-cn') || l.startsWith('zh-hans') || l === 'zh-sg' ? 'zh-cn' : 'en';
}

export interface CodeDoc {
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly en: string;
  readonly zh: string;
}

/** Every code the validator can report (docs/domain.md §2.6 plus the codes this validator adds). */
export const CODE_DOCS: Readonly<Record<string, CodeDoc>> = {
  'yaml-syntax': {
    severity: 'error',
    en: 'YAML syntax error (or warning) in a DolphinDB document.',
    zh: 'DolphinDB 文档中的 YAML 语法错误（或警告）。',
  },
  'DDB-E001': {
    severity: 'error',
    en: 'apiVersion must be dolphindb.dolphindb.io/v1 and kind DolphinDB.',
    zh: 'apiVersion 必须为 dolphindb.dolphindb.io/v1，kind 必须为 DolphinDB。',
  },
  'DDB-E002': { severity: 'error', en: 'metadata.name must be a DNS-1123 label.', zh: 'metadata.name 必须是 DNS-1123 标签。' },
  'DDB-W002': { severity: 'warning', en: 'metadata.name is longer than 40 characters.', zh: 'metadata.name 超过 40 个字符。' },
  'DDB-W003': {
    severity: 'warning',
    en: 'spec.mode is not set (the default is undocumented).',
    zh: '未设置 spec.mode（默认值无文档说明）。',
  },
  'DDB-E003': {
    severity: 'error',
    en: 'spec.mode must be cluster or standalone (case-sensitive).',
    zh: 'spec.mode 必须为 cluster 或 standalone（区分大小写）。',
  },
  'DDB-E004': {
    severity: 'error',
    en: 'mode: cluster requires clusterType singlecontroller or multicontroller.',
    zh: 'mode: cluster 时 clusterType 必须为 singlecontroller 或 multicontroller。',
  },
  'DDB-E005': {
    severity: 'error',
    en: 'singlecontroller requires controller.replicas == 1.',
    zh: 'singlecontroller 要求 controller.replicas 为 1。',
  },
  'DDB-E006': {
    severity: 'error',
    en: 'multicontroller requires controller.replicas >= 3.',
    zh: 'multicontroller 要求 controller.replicas 不少于 3。',
  },
  'DDB-W006': {
    severity: 'warning',
    en: 'multicontroller with an even number of controllers.',
    zh: 'multicontroller 的控制节点数为偶数。',
  },
  'DDB-E007': {
    severity: 'error',
    en: 'standalone allows only datanode with replicas 1; no controller, computenode or clusterType.',
    zh: '单机模式只允许 replicas 为 1 的 datanode，不能有 controller、computenode 或 clusterType。',
  },
  'DDB-E008': {
    severity: 'error',
    en: 'mode: cluster needs controller and datanode blocks.',
    zh: 'mode: cluster 需要 controller 和 datanode 配置块。',
  },
  'DDB-W008': { severity: 'warning', en: 'datanode.replicas is 0 in cluster mode.', zh: '集群模式下 datanode.replicas 为 0。' },
  'DDB-E009': {
    severity: 'error',
    en: 'spec.version is required and must match ^v\\d+\\.\\d{2}\\.\\d+(\\.\\d+)?$.',
    zh: '必须设置 spec.version，且格式须匹配 ^v\\d+\\.\\d{2}\\.\\d+(\\.\\d+)?$。',
  },
  'DDB-W009': {
    severity: 'warning',
    en: "spec.version is not in the installed suite's version list.",
    zh: 'spec.version 不在已安装套件的版本列表中。',
  },
  'DDB-E010': {
    severity: 'error',
    en: 'limits must be >= requests for cpu and memory.',
    zh: 'cpu 与内存的 limits 必须不小于 requests。',
  },
  'DDB-E011': {
    severity: 'error',
    en: 'Sizes, cpu and memory must be valid Kubernetes quantities.',
    zh: '容量、cpu 和内存必须是有效的 Kubernetes 数量。',
  },
  'DDB-E012': { severity: 'error', en: 'logMode must be 0, 1 or 2.', zh: 'logMode 必须为 0、1 或 2。' },
  'DDB-E013': {
    severity: 'error',
    en: 'logCleanLimit must be a string holding a decimal in (0, 1].',
    zh: 'logCleanLimit 必须是 (0, 1] 之间的小数字符串。',
  },
  'DDB-E014': { severity: 'error', en: 'port must be an integer from 1 to 65535.', zh: 'port 必须是 1 到 65535 之间的整数。' },
  'DDB-E015': {
    severity: 'error',
    en: 'clusterConfig, controllerConfig and config values must be strings.',
    zh: 'clusterConfig、controllerConfig 和 config 的值必须是字符串。',
  },
  'DDB-E016': {
    severity: 'error',
    en: 'Every volumeMounts[].name must match a volume of the role or the same instance.',
    zh: '每个 volumeMounts[].name 都必须对应该角色或同一实例中的卷。',
  },
  'DDB-E017': {
    severity: 'error',
    en: 'instances keys must be non-negative integers (and unique).',
    zh: 'instances 的键必须是非负整数（且不能重复）。',
  },
  'DDB-W017': {
    severity: 'warning',
    en: 'An instances key is >= replicas, so no instance exists for it.',
    zh: 'instances 的键不小于 replicas，没有对应的实例。',
  },
  'DDB-E018': {
    severity: 'error',
    en: 'licenseServerAddress needs a version flagged isSupportLicenseServer.',
    zh: '设置 licenseServerAddress 时版本必须支持 license server。',
  },
  'DDB-W019': {
    severity: 'warning',
    en: 'dataSize or logSize is below minPersistentVolumeSize.',
    zh: 'dataSize 或 logSize 小于 minPersistentVolumeSize。',
  },
  'DDB-W020': {
    severity: 'warning',
    en: 'Requests exceed what any node has; pods stay Pending.',
    zh: 'requests 超出任何节点的资源，Pod 将一直 Pending。',
  },
  'DDB-E021': {
    severity: 'error',
    en: 'replicas must be an integer: >= 1 for controller, >= 0 for datanode and computenode.',
    zh: 'replicas 必须是整数：controller 不少于 1，datanode 与 computenode 不少于 0。',
  },
  'DDB-W022': {
    severity: 'warning',
    en: 'A volume refers to a PVC that does not exist in the namespace.',
    zh: '卷引用的 PVC 在命名空间中不存在。',
  },
  'DDB-W023': {
    severity: 'warning',
    en: 'spec.storageClassName is not a StorageClass of the cluster.',
    zh: 'spec.storageClassName 不是集群中已有的 StorageClass。',
  },
  'DDB-W024': {
    severity: 'warning',
    en: 'metadata.namespace does not exist in the connected cluster.',
    zh: 'metadata.namespace 在当前连接的集群中不存在。',
  },
  'DDB-H001': {
    severity: 'hint',
    en: 'A DolphinDB cluster of that name already exists in the namespace; applying updates it.',
    zh: '命名空间中已有同名的 DolphinDB 集群，应用会更新它。',
  },
  'DDB-W100': {
    severity: 'warning',
    en: 'Unknown or misplaced field (the operator ignores it).',
    zh: '未知或位置错误的字段（operator 会忽略）。',
  },
  'DDB-E100': { severity: 'error', en: 'Value of the wrong type.', zh: '值的类型错误。' },
  'DDB-E101': {
    severity: 'error',
    en: 'Value not allowed (enum, format or range) in an embedded Kubernetes field.',
    zh: '内嵌 Kubernetes 字段的取值不合法（枚举、格式或范围）。',
  },
  'DDB-E102': {
    severity: 'error',
    en: 'A required field of an embedded Kubernetes object is missing.',
    zh: '内嵌 Kubernetes 对象缺少必填字段。',
  },
  'DDB-I001': { severity: 'info', en: 'Document too large; not validated.', zh: '文档过大，未校验。' },
  'DDB-I002': {
    severity: 'info',
    en: 'Validation limited (time budget, aliases, nesting depth or problem count).',
    zh: '校验受限（时间、别名、嵌套深度或问题数量上限）。',
  },
};

/** Severity implied by a code: `DDB-E…` error, `DDB-W…` warning, `DDB-I…` info, `DDB-H…` hint. */
export function severityOfCode(code: string): 'error' | 'warning' | 'info' | 'hint' {
  return (
    CODE_DOCS[code]?.severity ??
    (/^DDB-W/.test(code) ? 'warning' : /^DDB-I/.test(code) ? 'info' : /^DDB-H/.test(code) ? 'hint' : 'error')
  );
}
