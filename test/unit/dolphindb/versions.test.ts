import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isOk } from '../../../src/core/result';
import {
  FALLBACK_VERSIONS_V1_0_1,
  FALLBACK_VERSIONS_V1_1_7,
  compareVersions,
  findVersion,
  isValidVersion,
  newerVersions,
  parseEnvConfig,
  parseEnvConfigMap,
  parseVersion,
  sortVersionsDescending,
  supportsLicenseServer,
} from '../../../src/core/dolphindb/versions';
import { envConfigFromTemplate, readFromTgz } from '../validation/helpers';
import { suiteChart } from '../../fixtures/paths';

describe('version strings', () => {
  it('parses components', () => {
    assert.deepEqual(parseVersion('v2.00.13.4'), [2, 0, 13, 4]);
    assert.deepEqual(parseVersion('v1.30.21'), [1, 30, 21]);
    assert.deepEqual(parseVersion('3.00.3'), [3, 0, 3]);
    assert.equal(parseVersion('v2.00'), undefined);
    assert.equal(parseVersion('latest'), undefined);
  });
  it('validates the CR format strictly', () => {
    for (const v of ['v2.00.7', 'v2.00.13.4', 'v1.30.15', 'v3.00.3']) assert.ok(isValidVersion(v), v);
    for (const v of ['2.00.7', 'v2.0.7', 'v2.00.4-patch3', 'v2.00', 'V2.00.7', 7]) assert.ok(!isValidVersion(v), String(v));
  });
  it('orders numerically, a build number after its base', () => {
    assert.ok(compareVersions('v2.00.9', 'v2.00.10') < 0);
    assert.ok(compareVersions('v2.00.13', 'v2.00.13.1') < 0);
    assert.ok(compareVersions('v2.00.13.4', 'v2.00.14') < 0);
    assert.ok(compareVersions('v1.30.22', 'v2.00.3') < 0);
    assert.ok(compareVersions('v3.00.3', 'v2.00.16') > 0);
    assert.equal(compareVersions('v2.00.7', 'v2.00.7'), 0);
    assert.ok(compareVersions('junk', 'v1.30.14') < 0);
  });
  it('sorts newest first and finds upgrades', () => {
    const sorted = sortVersionsDescending(FALLBACK_VERSIONS_V1_0_1).map((v) => v.version);
    assert.deepEqual(sorted, ['v2.00.5', 'v2.00.4', 'v2.00.3', 'v1.30.17', 'v1.30.16', 'v1.30.15', 'v1.30.14']);
    assert.deepEqual(
      newerVersions('v2.00.13.3', FALLBACK_VERSIONS_V1_1_7).map((v) => v.version),
      ['v3.00.3', 'v2.00.16', 'v2.00.14', 'v2.00.13.4'],
    );
  });
});

describe('fallback lists (docs/domain.md §6.5)', () => {
  it('v1.1.7 has 26 versions, newest v3.00.3, v2.00.4 mapped to its patch image', () => {
    assert.equal(FALLBACK_VERSIONS_V1_1_7.length, 26);
    assert.equal(FALLBACK_VERSIONS_V1_1_7[0].version, 'v3.00.3');
    assert.equal(findVersion('v2.00.4', FALLBACK_VERSIONS_V1_1_7)?.image, 'v2.00.4-patch3');
    assert.equal(findVersion('v1.30.22', FALLBACK_VERSIONS_V1_1_7), undefined);
  });
  it('flags license-server and JIT support as the chart does', () => {
    assert.deepEqual(findVersion('v2.00.9', FALLBACK_VERSIONS_V1_1_7), { version: 'v2.00.9', isSupportLicenseServer: true });
    assert.equal(findVersion('v2.00.10', FALLBACK_VERSIONS_V1_1_7)?.isSupportJIT, true);
    assert.equal(findVersion('v2.00.8', FALLBACK_VERSIONS_V1_1_7)?.isSupportLicenseServer, undefined);
  });
  it('match the packaged charts byte for byte (read from the chart tarballs)', () => {
    const v117 = readFromTgz(suiteChart('v1.1.7'), 'dolphindb-mgr/templates/envconfig.yaml');
    const v101 = readFromTgz(suiteChart('v1.0.1'), 'dolphindb-mgr/templates/envconfig.yaml');
    assert.ok(v117 && v101, 'chart templates found');
    const r117 = parseEnvConfig(envConfigFromTemplate(v117));
    const r101 = parseEnvConfig(envConfigFromTemplate(v101));
    assert.ok(isOk(r117) && isOk(r101));
    assert.equal(r117.value.layout, 'versions');
    assert.equal(r101.value.layout, 'images.versions');
    assert.deepEqual(r117.value.versions, FALLBACK_VERSIONS_V1_1_7);
    assert.deepEqual(r101.value.versions, FALLBACK_VERSIONS_V1_0_1);
  });
});

describe('supportsLicenseServer', () => {
  it('answers from the list', () => {
    assert.equal(supportsLicenseServer('v2.00.9'), true);
    assert.equal(supportsLicenseServer('v2.00.8'), false);
    assert.equal(supportsLicenseServer('v1.30.21'), true);
    assert.equal(supportsLicenseServer('v1.30.20'), false);
    assert.equal(supportsLicenseServer('v2.00.8', [{ version: 'v2.00.8', isSupportLicenseServer: true }]), true);
    assert.equal(supportsLicenseServer('v2.00.16', FALLBACK_VERSIONS_V1_0_1), true, 'unknown to an old list: documented rule');
    assert.equal(supportsLicenseServer('v2.00.5', FALLBACK_VERSIONS_V1_0_1), false);
  });
  it('falls back to the documented rule for unknown versions', () => {
    assert.equal(supportsLicenseServer('v2.00.17'), true);
    assert.equal(supportsLicenseServer('v3.00.4'), true);
    assert.equal(supportsLicenseServer('v1.30.22'), true);
    assert.equal(supportsLicenseServer('v2.00.2'), false);
    assert.equal(supportsLicenseServer('v1.20.9'), false);
    assert.equal(supportsLicenseServer('garbage'), false);
  });
});

describe('parseEnvConfig', () => {
  it('reads the v1.1.2+ layout with global settings', () => {
    const r = parseEnvConfig(
      'global:\n  storageClass: "local-path"\n  imageRepository: dolphindb\ndolphindb:\n  licenseServerAddress: "None"\n  versions:\n    - version: v2.00.16\n      isSupportLicenseServer: true\n      isSupportJIT: true\n    - version: v2.00.4\n      image: v2.00.4-patch3\n',
    );
    assert.ok(isOk(r));
    assert.deepEqual(r.value, {
      layout: 'versions',
      versions: [
        { version: 'v2.00.16', isSupportLicenseServer: true, isSupportJIT: true },
        { version: 'v2.00.4', image: 'v2.00.4-patch3' },
      ],
      licenseServerAddress: 'None',
      storageClass: 'local-path',
      imageRepository: 'dolphindb',
    });
  });
  it('reads the ≤v1.1.1 layout with images.dolphindb tags', () => {
    const r = parseEnvConfig(
      'dolphindb:\n  images:\n    versions:\n      - version: v2.00.4\n        images:\n          dolphindb: v2.00.4-patch3\n      - version: v2.00.5\n',
    );
    assert.ok(isOk(r));
    assert.deepEqual(r.value.versions, [{ version: 'v2.00.4', image: 'v2.00.4-patch3' }, { version: 'v2.00.5' }]);
  });
  it('skips malformed entries and fails cleanly on bad input', () => {
    const r = parseEnvConfig('dolphindb:\n  versions: [{version: v2.00.7}, 3, {image: x}, null]\n');
    assert.ok(isOk(r) && r.value.versions.length === 1);
    for (const bad of ['', 'a: [', 'dolphindb: 1', 'dolphindb:\n  images: {}\n', '- 1\n']) {
      const f = parseEnvConfig(bad);
      assert.ok(!f.ok, bad);
      assert.equal(f.error.kind, 'invalid');
    }
  });
  it('survives an alias bomb', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 12; i++)
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    assert.equal(parseEnvConfig(`${text}dolphindb: {versions: []}\n`).ok, false);
  });
  it('reads the ConfigMap object', () => {
    assert.ok(parseEnvConfigMap({ data: { 'env-config': 'dolphindb:\n  versions: [{version: v2.00.7}]\n' } }).ok);
    assert.equal(parseEnvConfigMap({ data: {} }).ok, false);
    assert.equal(parseEnvConfigMap(null).ok, false);
  });
});
