// The extension's side of the language server: start lazily, answer cluster facts, stop.
export { startLanguageClient, type LanguageClientDeps, type LanguageClientHandle } from './languageClient';
