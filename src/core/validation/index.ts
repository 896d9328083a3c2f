// Public surface of the DolphinDB CR validator.
export { validateText, MAX_DOCUMENT_CHARS, DEFAULT_TIME_BUDGET_MS } from './validate';
export type { Problem, ProblemData, Range, Position, Severity, ValidationContext, NodeCapacity, MessageArgs } from './types';
export {
  MESSAGES,
  CODE_DOCS,
  formatMessage,
  pickLocale,
  severityOfCode,
  type MessageKey,
  type Locale,
  type CodeDoc,
} from './messages';
export { crSchema, schemaAt, type CompiledSchema } from './schema';
export { nearest, editDistance } from './suggest';
