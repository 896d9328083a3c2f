// User text of the editor features (completion details, hover labels, quick-fix titles), in the
// two languages the validator speaks. Same `{name}` placeholder convention as the validator's
// messages so both render the same way; a unit test keeps the two languages in step.
import type { Locale } from '../validation';

export type { Locale };

export const UI_TEXT = {
  'hover.type': { en: 'Type', zh: '类型' },
  'hover.allowed': { en: 'Allowed values', zh: '允许的值' },
  'hover.default': { en: 'Default', zh: '默认值' },
  'completion.supportedVersion': { en: 'Offered by the installed DolphinDB suite', zh: '已安装的 DolphinDB 套件支持的版本' },
  'completion.bundledVersion': { en: 'Bundled version list (cluster not reachable)', zh: '内置版本列表（无法连接集群）' },
  'completion.licenseServer': { en: 'supports a license server', zh: '支持 license server' },
  'completion.storageClass': { en: 'StorageClass in the cluster', zh: '集群中的 StorageClass' },
  'completion.pvc': { en: 'PersistentVolumeClaim in the namespace', zh: '命名空间中的 PersistentVolumeClaim' },
  'completion.namespace': { en: 'Namespace in the cluster', zh: '集群中的命名空间' },
  'completion.default': { en: 'default', zh: '默认值' },
  'completion.skeletonCluster': {
    en: 'DolphinDB cluster (3 controllers, 3 datanodes)',
    zh: 'DolphinDB 集群（3 个控制节点、3 个数据节点）',
  },
  'completion.skeletonStandalone': { en: 'DolphinDB standalone (one datanode)', zh: 'DolphinDB 单机（1 个数据节点）' },
  'fix.renameKey': { en: 'Rename to {value}', zh: '改为 {value}' },
  'fix.setValue': { en: 'Change to {value}', zh: '改为 {value}' },
  'fix.quote': { en: 'Quote the value: {value}', zh: '为值加引号：{value}' },
  'fix.insertField': { en: 'Add {field}: {value}', zh: '添加 {field}: {value}' },
  'fix.raiseLimit': {
    en: 'Raise limits.{resource} to the request ({value})',
    zh: '将 limits.{resource} 提高到 requests 的值（{value}）',
  },
  'fix.remove': { en: 'Remove {keys}', zh: '删除 {keys}' },
  'file.tooLarge': {
    en: 'File not checked for DolphinDB objects: it is {sizeMiB} MiB, above the {limitMiB} MiB limit.',
    zh: '未检查该文件中的 DolphinDB 对象：文件大小为 {sizeMiB} MiB，超过 {limitMiB} MiB 的上限。',
  },
} as const satisfies Record<string, { readonly en: string; readonly zh: string }>;

export type UiTextKey = keyof typeof UI_TEXT;

export function uiText(key: UiTextKey, locale: Locale, args: Readonly<Record<string, string | number>> = {}): string {
  const t = UI_TEXT[key];
  const template = locale === 'zh-cn' ? t.zh : t.en;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}
