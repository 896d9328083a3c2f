// The license override: without `acceptInvalid` every check still refuses; with it, a file that
// fails the inferred format checks or is expired is read, and the result names the failed check;
// files that cannot be a license (empty, binary, missing) stay refused either way. The install
// plan gets past the license check only when asked to (its warning is checked in test/exthost).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { licenseCheckOverridable, readLicenseFile } from '../../../src/core/operations/licenseFile';
import { planInstallSuite } from '../../../src/core/operations/suite';
import { licenseFile } from '../../fixtures/paths';
import { testContext } from './ctx';

describe('license check override', () => {
  for (const name of ['fake-malformed-header.lic', 'fake-expired-2021.lic']) {
    it(`${name}: refused by default, read with acceptInvalid, the failed check named`, async () => {
      const refused = await readLicenseFile(testContext(), licenseFile(name));
      assert.equal(refused.ok, false);
      assert.equal(licenseCheckOverridable(refused.error), true, refused.error.reason);
      const accepted = await readLicenseFile(testContext(), licenseFile(name), { acceptInvalid: true });
      assert.ok(accepted.ok, JSON.stringify(accepted));
      assert.equal(accepted.value.overridden, refused.error.reason);
      assert.ok(accepted.value.content.length > 0);
    });
  }

  for (const name of ['fake-empty.lic', 'fake-binary.lic', 'no-such-file.lic']) {
    it(`${name}: refused even with acceptInvalid`, async () => {
      const r = await readLicenseFile(testContext(), licenseFile(name), { acceptInvalid: true });
      assert.equal(r.ok, false);
      assert.equal(licenseCheckOverridable(r.error), false, r.error.reason);
    });
  }

  it('a valid license is read without an override mark', async () => {
    const r = await readLicenseFile(testContext(), licenseFile('fake-valid-2042.lic'), { acceptInvalid: true });
    assert.ok(r.ok);
    assert.equal(r.value.overridden, undefined);
  });

  it('the install plan gets past the license check only with acceptInvalidLicense', async () => {
    const opts = {
      namespace: 'dolphindb',
      chart: { kind: 'repo' as const, ref: 'dolphindb/dolphindb-mgr' },
      version: 'v1.1.7',
      licenseFile: licenseFile('fake-malformed-header.lic'),
      values: { serviceType: 'ClusterIP' as const, storageClass: 'standard' },
      // helm is looked up for the plan: a path that cannot exist makes the failure deterministic.
      helmPath: '/nonexistent/helm',
    };
    const refused = await planInstallSuite(testContext(), opts);
    assert.equal(refused.ok, false);
    assert.match(refused.error.reason, /not a DolphinDB license header/);
    const other = await planInstallSuite(testContext(), { ...opts, acceptInvalidLicense: true });
    // Past the license check, the plan stops at helm, which this test does not provide.
    assert.equal(other.ok, false);
    assert.equal(other.error.kind, 'helmMissing', other.error.reason);
  });
});
