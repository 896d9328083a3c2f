// A client certificate rotated in place (the kubeconfig's files rewritten) to another identity of
// exactly the same length must take effect on the next request: connections made with the old
// certificate are not reused. The API server says who is calling (SelfSubjectReview).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KubeHttp } from '../../src/core/k8s/http';
import { ensureCert } from '../ground/pki';
import { configFor, groundDir } from './net/configs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'net-rotation-'));
const pki = path.join(groundDir(), 'pki');

/** Issues client certificates for two users until their PEM texts have the same length. */
async function sameLengthPair(): Promise<{ a: { cert: string; key: string }; b: { cert: string; key: string } }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const tag = `${process.pid}-${attempt}`;
    // Same-length names; ECDSA signatures vary by a byte or two, hence the retries.
    const a = await ensureCert(pki, { name: `net-rot-a-${tag}`, cn: 'net-rotation-a', usage: 'client' });
    const b = await ensureCert(pki, { name: `net-rot-b-${tag}`, cn: 'net-rotation-b', usage: 'client' });
    if (fs.readFileSync(a.cert).length === fs.readFileSync(b.cert).length) return { a, b };
  }
  throw new Error('could not issue two client certificates of the same length');
}

async function whoAmI(http: KubeHttp): Promise<string | undefined> {
  const r = await http.request<{ status?: { userInfo?: { username?: string } } }>(
    '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    {
      method: 'POST',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    },
  );
  assert.ok(r.ok, r.ok ? '' : r.error.reason);
  return r.value.status?.userInfo?.username;
}

describe('client certificate rotation', () => {
  let pair: Awaited<ReturnType<typeof sameLengthPair>>;
  before(async () => {
    pair = await sameLengthPair();
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    for (const f of [pair?.a.cert, pair?.a.key, pair?.b.cert, pair?.b.key]) if (f) fs.rmSync(f, { force: true });
  });

  it('uses the new identity after the certificate files are replaced by one of the same length', async () => {
    const certFile = path.join(tmp, 'client.crt');
    const keyFile = path.join(tmp, 'client.key');
    fs.copyFileSync(pair.a.cert, certFile);
    fs.copyFileSync(pair.a.key, keyFile);
    const http = new KubeHttp(configFor({}, { name: 'rotating', certFile, keyFile }), 8000);
    try {
      assert.equal(await whoAmI(http), 'net-rotation-a');
      assert.equal(await whoAmI(http), 'net-rotation-a', 'a second request on the kept-alive connection');

      fs.copyFileSync(pair.b.cert, certFile);
      fs.copyFileSync(pair.b.key, keyFile);
      assert.equal(fs.readFileSync(certFile).length, fs.readFileSync(pair.a.cert).length, 'same length as the old certificate');
      assert.equal(await whoAmI(http), 'net-rotation-b', 'the rotated certificate is used');
      assert.equal(await whoAmI(http), 'net-rotation-b');
    } finally {
      http.dispose();
    }
  });
});
