// Public surface of the editor-free language helpers: plain data in, plain data out.
export { YamlFile, namespaceOf, type ParsedDocument } from './documents';
export { dolphinDBNamespaces } from './namespaces';
export { complete, type CompletionOptions } from './completion';
export { hover } from './hover';
export { documentSymbols } from './symbols';
export { quickFixes } from './codeActions';
export { uiText, UI_TEXT, type UiTextKey } from './messages';
export { LineIndex } from './text';
export type * from './types';
