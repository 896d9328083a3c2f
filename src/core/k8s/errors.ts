// One mapping from transport and API failures to Failure values. Raw response bodies never
// reach a user: only the Status `reason`/`message` fields, trimmed, are kept.
import { because, type Text } from '../i18n/text';
import { msg, type Msg } from '../i18n/translate';
import type { Failure } from '../result';

export interface ApiStatusBody {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[] };
}

export function parseStatusBody(text: string): ApiStatusBody | undefined {
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && (v as ApiStatusBody).kind === 'Status') return v as ApiStatusBody;
  } catch {
    /* not JSON: fall through */
  }
  return undefined;
}

export function failureFromStatus(operation: string, httpStatus: number, bodyText: string): Failure {
  const body = parseStatusBody(bodyText);
  const message = scrub(body?.message ?? `HTTP ${httpStatus}`);
  switch (httpStatus) {
    case 401:
      return {
        kind: 'unauthorized',
        operation,
        status: 401,
        ...because(msg('the credentials were rejected (expired or revoked token, or a wrong client certificate)')),
      };
    case 403: {
      const m = /User "([^"]*)" cannot (\w+) resource "([^"]+)"(?: in API group "([^"]*)")?/.exec(body?.message ?? '');
      const verb = m?.[2];
      const resource = m ? (m[4] ? `${m[3]}.${m[4]}` : m[3]) : undefined;
      return {
        kind: 'forbidden',
        operation,
        status: 403,
        verb,
        resource,
        ...(verb && resource ? because(msg('forbidden: {0} {1}'), verb, resource) : { reason: message }),
      };
    }
    case 404:
      return { kind: 'notFound', operation, status: 404, reason: message };
    case 409:
      return { kind: 'conflict', operation, status: 409, reason: message };
    case 422:
    case 400:
      return { kind: 'invalid', operation, status: httpStatus, reason: message };
    case 504:
    case 408:
      return { kind: 'timeout', operation, status: httpStatus, reason: message };
    default:
      return { kind: httpStatus >= 500 ? 'unreachable' : 'internal', operation, status: httpStatus, reason: message };
  }
}

const NETWORK_CODES: Record<string, Msg> = {
  ECONNREFUSED: msg('nothing is listening at the server address'),
  ECONNRESET: msg('the connection was reset'),
  EHOSTUNREACH: msg('the host is unreachable'),
  ENETUNREACH: msg('the network is unreachable'),
  ENOTFOUND: msg('the server name does not resolve'),
  EAI_AGAIN: msg('the server name does not resolve (DNS timeout)'),
  ETIMEDOUT: msg('the connection timed out'),
  EPIPE: msg('the connection was closed'),
  DEPTH_ZERO_SELF_SIGNED_CERT: msg("the server's certificate is self-signed and not trusted (wrong certificate-authority?)"),
  SELF_SIGNED_CERT_IN_CHAIN: msg("the server's certificate is not trusted (wrong certificate-authority?)"),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: msg("the server's certificate cannot be verified (wrong certificate-authority?)"),
  ERR_TLS_CERT_ALTNAME_INVALID: msg("the server's certificate does not match its address"),
  CERT_HAS_EXPIRED: msg("the server's certificate has expired"),
};

export function failureFromError(operation: string, e: unknown): Failure {
  const err = e as { code?: string; name?: string; message?: string; text?: Text };
  if (err?.name === 'AbortError' || err?.code === 'ABORT_ERR')
    return { kind: 'cancelled', operation, ...because(msg('cancelled')) };
  if (err?.code === 'DDB_CREDENTIAL_PLUGIN')
    return {
      kind: 'unauthorized',
      operation,
      ...(err.text
        ? because(err.text.message, ...err.text.args)
        : typeof err.message === 'string'
          ? { reason: err.message }
          : because(msg('the credential plugin failed'))),
    };
  if (err?.code === 'DDB_TIMEOUT')
    return {
      kind: 'timeout',
      operation,
      ...(typeof err.message === 'string' ? { reason: err.message } : because(msg('the server did not answer in time'))),
    };
  const known = err?.code ? NETWORK_CODES[err.code] : undefined;
  if (known) return { kind: 'unreachable', operation, ...because(known) };
  if (err?.code && /CERT|TLS|SSL/.test(err.code))
    return { kind: 'unreachable', operation, ...because(msg('TLS error ({0})'), err.code) };
  return { kind: 'unreachable', operation, reason: scrub(err?.message ?? String(e)) };
}

/** Removes anything that looks like a bearer token or PEM block from a message. */
export function scrub(text: string): string {
  return text
    .replace(/-----BEGIN [^-]+-----[\s\S]*?-----END [^-]+-----/g, '[redacted]')
    .replace(/(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]')
    .replace(/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+/g, '[redacted]')
    .slice(0, 500);
}
