// The DolphinDB language service: text and positions in, plain results out, no LSP connection.
// It owns the policies the editor-free helpers do not: the file-size cap, the locale, the time
// budget, which cluster facts to ask for and when, and reuse of the parse between requests.
import type { ClusterFacts } from '../../protocol/messages';
import {
  complete,
  documentSymbols,
  dolphinDBNamespaces,
  hover,
  namespaceOf,
  quickFixes,
  uiText,
  YamlFile,
} from '../../core/language';
import type { CompletionEntry, FixableProblem, HoverInfo, OutlineSymbol, Position, QuickFix } from '../../core/language';
import { formatMessage, validateText, type Locale, type Problem, type ValidationContext } from '../../core/validation';

export interface FactsSource {
  get(namespace: string | undefined): Promise<ClusterFacts | null>;
}

/** A validator problem with its message in the service's locale (file-level notes use editor keys). */
export type ServiceProblem = Omit<Problem, 'messageKey'> & { readonly messageKey: string };

export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

export interface ServiceOptions {
  readonly facts?: FactsSource;
  readonly locale?: string;
  /** Files above this many characters are not looked into (one info diagnostic instead). */
  readonly maxFileChars?: number;
  /** Per-validation time budget handed to the validator. */
  readonly timeBudgetMs?: number;
  /**
   * How long validation waits for cluster facts before checking without them (completion waits
   * longer: listing versions is its point). A late answer triggers `onLateFacts`.
   */
  readonly validationPatienceMs?: number;
  readonly completionPatienceMs?: number;
}

/** 5 MiB: far above any manifest a person edits, low enough that the scan stays in milliseconds. */
export const MAX_FILE_CHARS = 5 * 1024 * 1024;
const DEFAULT_TIME_BUDGET_MS = 2_000;
const CACHED_FILES = 8;
/** Cheap test before any parsing: can the text hold a DolphinDB object at all? */
const MAY_HOLD_DDB_RE = /dolphindb\.dolphindb\.io\/|kind:\s*["']?DolphinDB/i;

/**
 * Display language → message language: any Chinese tag (`zh-cn`, `zh-CN`, `zh-hans`, `zh-tw`) gets
 * the Simplified Chinese messages, the only Chinese we have; everything else English.
 */
export function resolveLocale(locale: string | undefined): Locale {
  return /^zh(?:[-_]|$)/i.test(locale ?? '') ? 'zh-cn' : 'en';
}

const NOT_CANCELLED: Cancellation = { isCancellationRequested: false };
const LATE = Symbol('late');

export class DolphinDBLanguageService {
  private localeValue: Locale;
  private readonly files = new Map<string, YamlFile>();
  private readonly maxFileChars: number;
  private readonly timeBudgetMs: number;
  private lateFactsListener: (() => void) | undefined;

  constructor(private readonly opts: ServiceOptions = {}) {
    this.localeValue = resolveLocale(opts.locale);
    this.maxFileChars = opts.maxFileChars ?? MAX_FILE_CHARS;
    this.timeBudgetMs = opts.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  }

  get locale(): Locale {
    return this.localeValue;
  }

  /** Called when facts arrive after a validation stopped waiting for them (revalidate then). */
  onLateFacts(listener: () => void): void {
    this.lateFactsListener = listener;
  }

  setLocale(locale: string | undefined): void {
    this.localeValue = resolveLocale(locale);
  }

  /** Problems of a file with messages in the current locale; undefined when cancelled. */
  async validate(text: string, token: Cancellation = NOT_CANCELLED): Promise<ServiceProblem[] | undefined> {
    if (!MAY_HOLD_DDB_RE.test(text)) return [];
    if (text.length > this.maxFileChars) return [this.tooLarge(text)];
    // Namespaces come from a text scan: the validator parses the file anyway, a second parse here
    // would double the cost of every validation.
    const namespaces = [...new Set(dolphinDBNamespaces(text))];
    const facts = await this.factsFor(namespaces.length === 1 ? namespaces[0] : undefined, this.opts.validationPatienceMs ?? 250);
    if (token.isCancellationRequested) return undefined;
    const known: ValidationContext = {
      timeBudgetMs: this.timeBudgetMs,
      ...(facts?.supportedVersions ? { supportedVersions: facts.supportedVersions } : {}),
      ...(facts?.storageClasses ? { storageClasses: facts.storageClasses } : {}),
      ...(facts?.nodeCapacity ? { nodeCapacity: facts.nodeCapacity } : {}),
      // PVCs are per namespace: with CRs in several namespaces one list would be wrong for some.
      ...(facts?.pvcNames && namespaces.length === 1 ? { pvcNames: facts.pvcNames } : {}),
      ...(facts?.namespaces ? { namespaces: facts.namespaces } : {}),
      // Also per namespace, and tagged with it: the rule compares it with each document's own.
      ...(facts?.existingClusters && namespaces.length === 1 && namespaces[0] !== undefined
        ? { existingClusters: { namespace: namespaces[0], names: facts.existingClusters } }
        : {}),
    };
    const locale = this.localeValue;
    return validateText(text, known).map((p) =>
      locale === 'en' ? p : { ...p, message: formatMessage(p.messageKey, p.args, locale) },
    );
  }

  async complete(text: string, pos: Position, token: Cancellation = NOT_CANCELLED): Promise<CompletionEntry[] | undefined> {
    if (text.length > this.maxFileChars) return [];
    const file = this.file(text);
    const doc = file.documentAt(file.lines.offsetAt(pos));
    // Facts only matter inside a DolphinDB document; elsewhere do not wake the cluster up.
    const facts = doc?.isDolphinDB ? await this.factsFor(namespaceOf(doc), this.opts.completionPatienceMs ?? 1_000) : null;
    if (token.isCancellationRequested) return undefined;
    return complete(file, pos, { locale: this.localeValue, facts });
  }

  hover(text: string, pos: Position): HoverInfo | undefined {
    if (text.length > this.maxFileChars) return undefined;
    return hover(this.file(text), pos, this.localeValue);
  }

  symbols(text: string): OutlineSymbol[] {
    if (text.length > this.maxFileChars || !MAY_HOLD_DDB_RE.test(text)) return [];
    // The validation budget: an outline of a huge file is partial rather than a frozen server.
    return documentSymbols(this.file(text), { timeBudgetMs: this.timeBudgetMs });
  }

  codeActions(text: string, problems: readonly FixableProblem[]): QuickFix[] {
    if (text.length > this.maxFileChars || problems.length === 0) return [];
    return quickFixes(this.file(text), problems, this.localeValue);
  }

  private async factsFor(namespace: string | undefined, patienceMs: number): Promise<ClusterFacts | null> {
    const source = this.opts.facts;
    if (!source) return null;
    const pending = source.get(namespace).catch(() => null);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<typeof LATE>((resolve) => {
      timer = setTimeout(() => resolve(LATE), patienceMs);
    });
    const first = await Promise.race([pending, late]);
    clearTimeout(timer);
    if (first !== LATE) return first;
    void pending.then((facts) => {
      if (facts) this.lateFactsListener?.();
    });
    return null;
  }

  /** The parsed view of a text, reused while the text is unchanged (requests come in bursts). */
  private file(text: string): YamlFile {
    const hit = this.files.get(text);
    if (hit) return hit;
    const file = new YamlFile(text);
    if (this.files.size >= CACHED_FILES) this.files.delete(this.files.keys().next().value as string);
    this.files.set(text, file);
    return file;
  }

  private tooLarge(text: string): ServiceProblem {
    const args = { sizeMiB: (text.length / 1024 / 1024).toFixed(1), limitMiB: (this.maxFileChars / 1024 / 1024).toFixed(0) };
    const firstLineEnd = text.indexOf('\n');
    const end = Math.min(firstLineEnd === -1 ? text.length : firstLineEnd, 200);
    return {
      code: 'DDB-I001',
      // The validator's catalogue has no file-level message; the text comes from the editor strings.
      messageKey: 'file.tooLarge',
      args,
      message: uiText('file.tooLarge', this.localeValue, args),
      severity: 'info',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: end } },
      path: '',
    };
  }
}
