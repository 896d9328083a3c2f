// The install flow's chart questions and the StorageClass question of install and create, apart
// from the UI: a script's answers map to the same flow answers as before (chartFile, confirm with
// the setting's version, now also chartVersion); the version answers become the chart Helm gets;
// the StorageClass pick always leads to a typed name when chosen, and offers the local-path
// provisioner only when nothing could be listed or nothing exists.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  CHART_FILE,
  CHART_REPO,
  chartOf,
  givenChart,
  NEWEST,
  TYPE_VERSION,
} from '../../../src/extension/commands/lifecycle/chartChoice';
import {
  asksTypedStorageClass,
  INSTALL_LOCAL_PATH,
  offersLocalPath,
  storageClassAnswer,
  TYPE_STORAGE_CLASS,
} from '../../../src/extension/commands/lifecycle/storageChoice';
import { indexUrl, localChartVersion, localChartVersions, parseChartIndex } from '../../../src/core/operations/chartVersions';

describe('chart choice', () => {
  it("maps a script's answers as before: a file, or the repository with the setting's version on confirm", () => {
    assert.deepEqual(givenChart({ chartFile: '/c/dolphindb-mgr-v1.1.7.tgz' }, 'v1.0.1'), {
      chart: CHART_FILE,
      chartFile: '/c/dolphindb-mgr-v1.1.7.tgz',
      chartLocal: '/c/dolphindb-mgr-v1.1.7.tgz',
    });
    assert.deepEqual(givenChart({ confirm: true }, 'v1.0.1'), { chart: CHART_REPO, chartVersion: 'v1.0.1' });
    assert.deepEqual(givenChart({ confirm: true }, ''), { chart: CHART_REPO, chartVersion: NEWEST });
    assert.deepEqual(givenChart({ chartVersion: 'v1.1.7' }, 'v1.0.1'), { chart: CHART_REPO, chartVersion: 'v1.1.7' });
    assert.deepEqual(givenChart({}, 'v1.0.1'), {}, 'nothing given: every chart question is asked');
  });

  it('turns the answers into the chart Helm installs', () => {
    const ref = 'dolphindb/dolphindb-mgr';
    assert.deepEqual(chartOf({ chart: CHART_REPO, chartVersion: 'v1.1.7' }), { chart: { kind: 'repo', ref }, version: 'v1.1.7' });
    assert.deepEqual(chartOf({ chart: CHART_REPO, chartVersion: NEWEST }), { chart: { kind: 'repo', ref } });
    assert.deepEqual(chartOf({ chart: CHART_REPO, chartVersion: TYPE_VERSION, chartVersionTyped: ' v1.0.9 ' }), {
      chart: { kind: 'repo', ref },
      version: 'v1.0.9',
    });
    assert.deepEqual(chartOf({ chart: CHART_FILE, chartFile: '/a/x.tgz', chartLocal: '/a/dolphindb-mgr-v1.0.1.tgz' }), {
      chart: { kind: 'file', path: '/a/dolphindb-mgr-v1.0.1.tgz' },
    });
    assert.equal(chartOf({ chart: CHART_REPO }), undefined, 'a version answer is required');
    assert.equal(chartOf({ chart: CHART_REPO, chartVersion: TYPE_VERSION }), undefined);
  });

  it('reads the versions of a Helm repository index, newest first', () => {
    const index = [
      'apiVersion: v1',
      'entries:',
      '  dolphindb-mgr:',
      '  - version: v1.0.1',
      '    urls: [dolphindb-mgr-v1.0.1.tgz]',
      '  - version: v1.1.7',
      '  - version: v1.1.10',
      '  other-chart:',
      '  - version: v9.9.9',
      'generated: "2025-01-01T00:00:00Z"',
    ].join('\n');
    assert.deepEqual(parseChartIndex(index), ['v1.1.10', 'v1.1.7', 'v1.0.1']);
    assert.deepEqual(parseChartIndex('apiVersion: v1\nentries: {}\n'), []);
    assert.equal(parseChartIndex('<html>not found</html>'), undefined);
    assert.equal(indexUrl('https://dolphindbit.github.io/helm-chart/'), 'https://dolphindbit.github.io/helm-chart/index.yaml');
  });

  it('lists the local chart files next to the picked one by version', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddb-charts-'));
    try {
      for (const n of ['dolphindb-mgr-v1.0.1.tgz', 'dolphindb-mgr-v1.1.7.tgz', 'notes.txt', 'other-v1.0.0.tgz'])
        fs.writeFileSync(path.join(dir, n), '');
      const found = await localChartVersions(path.join(dir, 'dolphindb-mgr-v1.0.1.tgz'));
      assert.deepEqual(
        found.map((c) => [c.version, path.basename(c.path)]),
        [
          ['v1.1.7', 'dolphindb-mgr-v1.1.7.tgz'],
          ['v1.0.1', 'dolphindb-mgr-v1.0.1.tgz'],
        ],
      );
      assert.equal(localChartVersion('/x/dolphindb-mgr-1.2.3.tgz'), '1.2.3');
      assert.equal(localChartVersion('/x/mychart.tgz'), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('StorageClass choice', () => {
  it('offers the local-path provisioner only when there is no class or they cannot be listed', () => {
    assert.equal(offersLocalPath({ names: [] }), true);
    assert.equal(offersLocalPath({ names: undefined }), true);
    assert.equal(offersLocalPath({ names: ['standard'] }), false);
  });

  it('a typed name is asked after "Type a StorageClass name…" and is the answer', () => {
    assert.equal(asksTypedStorageClass({ storageClass: TYPE_STORAGE_CLASS }, 'storageClass'), true);
    assert.equal(asksTypedStorageClass({ storageClass: 'standard' }, 'storageClass'), false);
    const typed = { storageClass: TYPE_STORAGE_CLASS, storageClassName: ' fast-ssd ' };
    assert.equal(storageClassAnswer(typed, 'storageClass', 'storageClassName'), 'fast-ssd');
    assert.equal(storageClassAnswer({ storageClass: 'standard' }, 'storageClass', 'storageClassName'), 'standard');
    assert.equal(
      storageClassAnswer({ storageClass: INSTALL_LOCAL_PATH }, 'storageClass', 'storageClassName'),
      INSTALL_LOCAL_PATH,
      'resolved by the command, which installs the provisioner first',
    );
  });
});

describe('create flow: a typed StorageClass', () => {
  it('is asked only after "Type a StorageClass name…" and goes into the new cluster', async () => {
    const { createStepApplies, toNewCluster } = await import('../../../src/extension/commands/lifecycle/createSteps');
    assert.equal(createStepApplies('storageClassName', { storageClass: 'standard' }), false);
    assert.equal(createStepApplies('storageClassName', { storageClass: TYPE_STORAGE_CLASS }), true);
    const base = {
      name: 'c1',
      namespace: 'dolphindb',
      version: 'v2.00.16',
      cpu: '1',
      memory: '2Gi',
      dataSize: '1Gi',
      logSize: '1Gi',
    };
    assert.equal(toNewCluster({ ...base, storageClass: TYPE_STORAGE_CLASS, storageClassName: 'fast' })?.storageClass, 'fast');
    assert.equal(toNewCluster({ ...base, storageClass: TYPE_STORAGE_CLASS }), undefined, 'the typed name is required');
  });
});
