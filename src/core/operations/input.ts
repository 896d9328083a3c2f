// Input checks shared by every cluster operation. Everything a user types ends up in an API
// path, a JSON patch or a Helm argument, so names are held to the Kubernetes grammars and free
// text may not carry line breaks or control characters. Each check returns a translated reason,
// or undefined when the input is fine.
import type { Translate } from '../i18n/translate';
import { DNS1123_LABEL_MAX, DNS1123_LABEL_PATTERN } from '../dolphindb/names';

const LABEL_RE = new RegExp(DNS1123_LABEL_PATTERN);
const SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// Tab is the only control character a config value could plausibly want; DolphinDB reads
// cluster.cfg line by line, so a line break would smuggle in another setting.
const CONTROL_RE = /[\x00-\x08\x0a-\x1f\x7f]/;

export function checkLabel(t: Translate, what: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return t('{0} is required.', what);
  if (value.length > DNS1123_LABEL_MAX)
    return t('{0} "{1}" is longer than {2} characters.', what, clip(value), DNS1123_LABEL_MAX);
  if (!LABEL_RE.test(value)) {
    return t(
      '{0} "{1}" is not a valid Kubernetes name: use lowercase letters, digits and "-", starting and ending with a letter or digit.',
      what,
      clip(value),
    );
  }
  return undefined;
}

export function checkSubdomain(t: Translate, what: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return t('{0} is required.', what);
  if (value.length > 253 || !SUBDOMAIN_RE.test(value)) {
    return t('{0} "{1}" is not a valid Kubernetes name: use lowercase letters, digits, "-" and ".".', what, clip(value));
  }
  return undefined;
}

/** A free-text value (config entry, annotation): a string without line breaks or control characters. */
export function checkText(t: Translate, what: string, value: unknown, maxLength = 4096): string | undefined {
  if (typeof value !== 'string') return t('{0} must be a string (quote numbers, e.g. "2").', what);
  if (CONTROL_RE.test(value)) return t('{0} contains a line break or control character, which is not allowed.', what);
  if (value.length > maxLength) return t('{0} is longer than {1} characters.', what, maxLength);
  return undefined;
}

/** An absolute POSIX path inside a container or on a host, made of safe characters. */
export function checkAbsolutePath(t: Translate, what: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return t('{0} is required.', what);
  if (!/^\/[A-Za-z0-9._/+@-]*$/.test(value) || value.length > 1024) {
    return t('{0} "{1}" must be an absolute path made of letters, digits and . _ / + @ -.', what, clip(value));
  }
  if (value.split('/').includes('..')) return t('{0} "{1}" must not contain "..".', what, clip(value));
  return undefined;
}

/** A dotted IPv4 address that can be a node address (not 0.0.0.0, broadcast or multicast). */
export function checkNodeIPv4(t: Translate, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return t('A node IP address is required.');
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  const parts = m ? m.slice(1).map(Number) : [];
  if (!m || parts.some((p, i) => p > 255 || (m[i + 1].length > 1 && m[i + 1].startsWith('0')))) {
    return t('"{0}" is not an IPv4 address (four numbers 0-255 separated by dots).', clip(value));
  }
  if (parts[0] === 0 || parts[0] >= 224) return t('"{0}" cannot be a node address.', value);
  return undefined;
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/**
 * Keeps hostile input short and printable inside a message. Besides C0/C1 controls this masks
 * format characters (bidi overrides such as U+202E can make a dialog read differently from the
 * value), lone surrogates and the Unicode line/paragraph separators.
 */
export function clip(value: string, max = 64): string {
  const printable = value.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, '?');
  // Cutting between the halves of a surrogate pair would leave a lone surrogate in the message.
  return printable.length > max ? `${printable.slice(0, max).replace(/[\uD800-\uDBFF]$/, '')}…` : printable;
}
