// Certificates and keys for the test ground, made with the `openssl` CLI into <state>/pki.
// EC P-256 keys throughout: fast to generate, accepted by every component (including as the
// service-account signing key, ES256).
import { execFile } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CertSpec {
  /** file stem under pki/: <name>.crt, <name>.key */
  name: string;
  cn: string;
  org?: string;
  /** DNS names and IPs for subjectAltName (server certs) */
  dns?: string[];
  ips?: string[];
  usage: 'server' | 'client' | 'both';
  /** stem of the signing CA under pki/ (default `ca`; `front-proxy-ca` for the aggregation layer) */
  ca?: string;
}

function ossl(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { cwd }, (err, _out, stderr) =>
      err ? reject(new Error(`openssl ${args[0]}: ${stderr || err.message}`)) : resolve(),
    );
  });
}

async function ecKey(file: string, cwd: string): Promise<void> {
  await ossl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file], cwd);
  fs.chmodSync(path.join(cwd, file), 0o600);
}

/** Creates a CA once (<stem>.crt / <stem>.key, default ca.*); later calls reuse it. */
export async function ensureCa(pkiDir: string, stem = 'ca', cn = 'ddb-ground-ca'): Promise<void> {
  fs.mkdirSync(pkiDir, { recursive: true });
  if (fs.existsSync(path.join(pkiDir, `${stem}.crt`))) return;
  await ecKey(`${stem}.key`, pkiDir);
  await ossl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      `${stem}.key`,
      '-sha256',
      '-days',
      '3650',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
      '-out',
      `${stem}.crt`,
    ],
    pkiDir,
  );
}

/** Issues <name>.crt/.key signed by the CA, unless they already exist. */
export async function ensureCert(pkiDir: string, spec: CertSpec): Promise<{ cert: string; key: string }> {
  const cert = path.join(pkiDir, `${spec.name}.crt`);
  const key = path.join(pkiDir, `${spec.name}.key`);
  if (fs.existsSync(cert) && fs.existsSync(key)) return { cert, key };
  await ecKey(`${spec.name}.key`, pkiDir);
  const subj = `/CN=${spec.cn}` + (spec.org ? `/O=${spec.org}` : '');
  await ossl(['req', '-new', '-key', `${spec.name}.key`, '-subj', subj, '-out', `${spec.name}.csr`], pkiDir);
  const eku = spec.usage === 'server' ? 'serverAuth' : spec.usage === 'client' ? 'clientAuth' : 'serverAuth,clientAuth';
  const ext = ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment', `extendedKeyUsage=${eku}`];
  const sans = [...(spec.dns ?? []).map((d) => `DNS:${d}`), ...(spec.ips ?? []).map((i) => `IP:${i}`)];
  if (sans.length) ext.push(`subjectAltName=${sans.join(',')}`);
  fs.writeFileSync(path.join(pkiDir, `${spec.name}.ext`), ext.join('\n') + '\n');
  await ossl(
    [
      'x509',
      '-req',
      '-in',
      `${spec.name}.csr`,
      '-CA',
      `${spec.ca ?? 'ca'}.crt`,
      '-CAkey',
      `${spec.ca ?? 'ca'}.key`,
      '-set_serial',
      `0x${crypto.randomBytes(8).toString('hex')}`,
      '-days',
      '3650',
      '-sha256',
      '-extfile',
      `${spec.name}.ext`,
      '-out',
      `${spec.name}.crt`,
    ],
    pkiDir,
  );
  fs.rmSync(path.join(pkiDir, `${spec.name}.csr`));
  fs.rmSync(path.join(pkiDir, `${spec.name}.ext`));
  return { cert, key };
}

/** Service-account signing key pair: sa.key (private) and sa.pub. */
export async function ensureSaKey(pkiDir: string): Promise<{ key: string; pub: string }> {
  const key = path.join(pkiDir, 'sa.key');
  const pub = path.join(pkiDir, 'sa.pub');
  if (!fs.existsSync(key)) {
    await ecKey('sa.key', pkiDir);
    await ossl(['pkey', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], pkiDir);
  }
  return { key, pub };
}
