// One positive and one negative case (at least) for every rule code of docs/domain.md §2.6 and for
// the codes this validator adds. Each case builds a CR from a valid base and changes one thing.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { FALLBACK_VERSIONS_V1_1_7, type VersionInfo } from '../../../src/core/dolphindb/versions';
import { validateText, type Problem, type ValidationContext } from '../../../src/core/validation';
import { at, haCluster, standalone, toYaml, variant, withCode, type Obj } from './helpers';

const check = (cr: Obj, known?: ValidationContext): Problem[] => validateText(toYaml(cr), known);
const ha = (edit: (cr: Obj & { spec: Obj }) => void): Problem[] => check(variant(haCluster(), edit));
const solo = (edit: (cr: Obj & { spec: Obj }) => void): Problem[] => check(variant(standalone(), edit));

/** Asserts exactly one problem with `code` and returns it. */
function one(ps: Problem[], code: string, path?: string): Problem {
  const found = withCode(ps, code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(ps.map((p) => [p.code, p.path]))}`);
  if (path !== undefined) assert.equal(found[0].path, path);
  return found[0];
}
const none = (ps: Problem[], code: string): void =>
  assert.deepEqual(withCode(ps, code), [], `unexpected ${code}: ${JSON.stringify(ps.map((p) => [p.code, p.path, p.message]))}`);

describe('base CRs', () => {
  it('the HA and standalone bases are clean', () => {
    assert.deepEqual(check(haCluster()), []);
    assert.deepEqual(check(standalone()), []);
  });
});

describe('DDB-E001 apiVersion and kind', () => {
  it('flags kind DolphinDB with apiVersion v1 (the FAQ mistake)', () => {
    const p = one(
      ha((cr) => {
        cr.apiVersion = 'v1';
      }),
      'DDB-E001',
      'apiVersion',
    );
    assert.equal(p.data?.suggestion, 'dolphindb.dolphindb.io/v1');
  });
  it('flags a wrong kind in the DolphinDB group, suggesting DolphinDB', () => {
    const p = one(
      ha((cr) => {
        cr.kind = 'Dolphindb';
      }),
      'DDB-E001',
      'kind',
    );
    assert.equal(p.data?.suggestion, 'DolphinDB');
  });
  it('flags a missing apiVersion', () => {
    one(
      ha((cr) => {
        delete cr.apiVersion;
      }),
      'DDB-E001',
      'apiVersion',
    );
  });
  it('flags the wrong group version', () => {
    one(
      ha((cr) => {
        cr.apiVersion = 'dolphindb.dolphindb.io/v2';
      }),
      'DDB-E001',
      'apiVersion',
    );
  });
  it('accepts the right pair', () => void none(check(haCluster()), 'DDB-E001'));
  it('ignores other kinds entirely, even broken ones', () => {
    assert.deepEqual(
      validateText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dolphindb-env-config}\nspec: {mode: x}\n'),
      [],
    );
    assert.deepEqual(validateText('apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDBList\nitems: []\n'), []);
  });
});

describe('DDB-E002 / W002 metadata.name', () => {
  it("rejects an underscore (the docs' ddb_test1)", () =>
    void one(
      ha((cr) => {
        at(cr, 'metadata').name = 'ddb_test1';
      }),
      'DDB-E002',
      'metadata.name',
    ));
  it('rejects uppercase', () =>
    void one(
      ha((cr) => {
        at(cr, 'metadata').name = 'Test';
      }),
      'DDB-E002',
      'metadata.name',
    ));
  it('rejects a trailing dash', () =>
    void one(
      ha((cr) => {
        at(cr, 'metadata').name = 'test-';
      }),
      'DDB-E002',
    ));
  it('rejects more than 63 characters', () =>
    void one(
      ha((cr) => {
        at(cr, 'metadata').name = 'a'.repeat(64);
      }),
      'DDB-E002',
    ));
  it('requires a name', () =>
    void one(
      ha((cr) => {
        delete at(cr, 'metadata').name;
      }),
      'DDB-E002',
      'metadata.name',
    ));
  it('accepts ddb-test1', () =>
    void none(
      ha((cr) => {
        at(cr, 'metadata').name = 'ddb-test1';
      }),
      'DDB-E002',
    ));
  it('warns above 40 characters', () => {
    const p = one(
      ha((cr) => {
        at(cr, 'metadata').name = 'a'.repeat(41);
      }),
      'DDB-W002',
      'metadata.name',
    );
    assert.equal(p.severity, 'warning');
    none(
      ha((cr) => {
        at(cr, 'metadata').name = 'a'.repeat(41);
      }),
      'DDB-E002',
    );
  });
  it('does not warn at exactly 40', () =>
    void none(
      ha((cr) => {
        at(cr, 'metadata').name = 'a'.repeat(40);
      }),
      'DDB-W002',
    ));
});

describe('DDB-W003 / E003 mode', () => {
  it('warns when mode is missing', () =>
    void one(
      ha((cr) => {
        delete cr.spec.mode;
      }),
      'DDB-W003',
      'spec.mode',
    ));
  it('rejects Cluster (case-sensitive) and suggests cluster', () => {
    const p = one(
      ha((cr) => {
        cr.spec.mode = 'Cluster';
      }),
      'DDB-E003',
      'spec.mode',
    );
    assert.equal(p.data?.suggestion, 'cluster');
    assert.match(p.message, /case-sensitive/);
  });
  it('rejects an unknown mode', () =>
    void one(
      ha((cr) => {
        cr.spec.mode = 'distributed';
      }),
      'DDB-E003',
    ));
  it('accepts cluster and standalone', () => {
    none(check(haCluster()), 'DDB-E003');
    none(check(standalone()), 'DDB-E003');
  });
});

describe('DDB-E004 clusterType', () => {
  it('requires clusterType in cluster mode', () =>
    void one(
      ha((cr) => {
        delete cr.spec.clusterType;
      }),
      'DDB-E004',
      'spec.clusterType',
    ));
  it('rejects multi-controller and suggests multicontroller', () => {
    const p = one(
      ha((cr) => {
        cr.spec.clusterType = 'multi-controller';
      }),
      'DDB-E004',
      'spec.clusterType',
    );
    assert.equal(p.data?.suggestion, 'multicontroller');
  });
  it('does not require clusterType in standalone mode', () => void none(check(standalone()), 'DDB-E004'));
});

describe('DDB-E005 / E006 / W006 controller counts', () => {
  const single = (n: number) =>
    ha((cr) => {
      cr.spec.clusterType = 'singlecontroller';
      at(cr, 'spec.controller').replicas = n;
    });
  const multi = (n: number) =>
    ha((cr) => {
      at(cr, 'spec.controller').replicas = n;
    });
  it('singlecontroller with 3 controllers is E005', () => {
    const p = one(single(3), 'DDB-E005', 'spec.controller.replicas');
    assert.equal(p.data?.value, 1);
  });
  it('singlecontroller with 1 is fine', () => assert.deepEqual(single(1), []));
  it('multicontroller with 2 is E006 (and not W006)', () => {
    const ps = multi(2);
    one(ps, 'DDB-E006', 'spec.controller.replicas');
    none(ps, 'DDB-W006');
  });
  it('multicontroller with 1 is E006', () => void one(multi(1), 'DDB-E006'));
  it('multicontroller with 3 and 5 is fine', () => {
    assert.deepEqual(multi(3), []);
    assert.deepEqual(multi(5), []);
  });
  it('multicontroller with 4 warns W006', () => {
    const p = one(multi(4), 'DDB-W006', 'spec.controller.replicas');
    assert.equal(p.severity, 'warning');
  });
  it('replicas 0 is E021 only, not also E005/E006', () => {
    const ps = multi(0);
    one(ps, 'DDB-E021', 'spec.controller.replicas');
    none(ps, 'DDB-E006');
  });
});

describe('DDB-E007 standalone', () => {
  it('rejects a computenode block', () => {
    const p = one(
      solo((cr) => {
        cr.spec.computenode = { replicas: 1 };
      }),
      'DDB-E007',
      'spec.computenode',
    );
    assert.deepEqual(p.data?.remove, ['spec.computenode']);
  });
  it('rejects clusterType alone', () =>
    void one(
      solo((cr) => {
        cr.spec.clusterType = 'singlecontroller';
      }),
      'DDB-E007',
      'spec.clusterType',
    ));
  it('rejects 2 datanodes', () => {
    const p = one(
      solo((cr) => {
        at(cr, 'spec.datanode').replicas = 2;
      }),
      'DDB-E007',
      'spec.datanode.replicas',
    );
    assert.equal(p.data?.value, 1);
  });
  it('needs a datanode', () =>
    void one(
      solo((cr) => {
        delete cr.spec.datanode;
      }),
      'DDB-E007',
      'spec.datanode',
    ));
  it('treats an empty (null) controller key as absent', () => {
    assert.deepEqual(validateText(`${toYaml(standalone())}`.replace('spec:\n', 'spec:\n  controller:\n')), []);
  });
  it('accepts a plain standalone CR', () => void none(check(standalone()), 'DDB-E007'));
});

describe('DDB-E008 / W008 cluster roles', () => {
  it('needs a datanode block', () =>
    void one(
      ha((cr) => {
        delete cr.spec.datanode;
      }),
      'DDB-E008',
      'spec.datanode',
    ));
  it('needs a controller block', () =>
    void one(
      ha((cr) => {
        delete cr.spec.controller;
      }),
      'DDB-E008',
      'spec.controller',
    ));
  it('warns on 0 datanodes, without an E021', () => {
    const ps = ha((cr) => {
      at(cr, 'spec.datanode').replicas = 0;
    });
    one(ps, 'DDB-W008', 'spec.datanode.replicas');
    none(ps, 'DDB-E021');
  });
  it('accepts both blocks', () => void none(check(haCluster()), 'DDB-E008'));
});

describe('DDB-E009 / W009 version', () => {
  it('requires spec.version', () =>
    void one(
      ha((cr) => {
        delete cr.spec.version;
      }),
      'DDB-E009',
      'spec.version',
    ));
  for (const bad of ['2.00.7', 'v2.0.7', 'v2.00', 'v2.00.7-patch3', 'latest']) {
    it(`rejects ${bad}`, () =>
      void one(
        ha((cr) => {
          cr.spec.version = bad;
        }),
        'DDB-E009',
        'spec.version',
      ));
  }
  it('rejects a number', () =>
    void one(validateText(toYaml(haCluster()).replace('version: v2.00.16', 'version: 2.00')), 'DDB-E009'));
  for (const good of ['v2.00.7', 'v2.00.13.4', 'v1.30.21', 'v3.00.3']) {
    it(`accepts ${good}`, () =>
      void none(
        ha((cr) => {
          cr.spec.version = good;
        }),
        'DDB-E009',
      ));
  }
  const known = { supportedVersions: FALLBACK_VERSIONS_V1_1_7 };
  it('warns when the suite does not offer the version, suggesting the nearest', () => {
    const p = one(
      check(
        variant(haCluster(), (cr) => {
          cr.spec.version = 'v2.00.15';
        }),
        known,
      ),
      'DDB-W009',
      'spec.version',
    );
    assert.equal(p.data?.suggestion, 'v2.00.16');
  });
  it('does not warn for a listed version', () => void none(check(haCluster(), known), 'DDB-W009'));
  it('does not check the list unless the caller gives one', () =>
    void none(
      ha((cr) => {
        cr.spec.version = 'v2.00.15';
      }),
      'DDB-W009',
    ));
});

describe('DDB-E010 limits >= requests', () => {
  const limits = (cpu: string, mem: string, rcpu: string, rmem: string) =>
    ha((cr) => {
      at(cr, 'spec.datanode').resources = { limits: { cpu, memory: mem }, requests: { cpu: rcpu, memory: rmem } };
    });
  it('flags a cpu limit below the request', () => {
    const p = one(limits('500m', '2Gi', '1', '2Gi'), 'DDB-E010', 'spec.datanode.resources');
    assert.equal(p.message, 'spec.datanode.resources.limits.cpu (500m) must be >= requests.cpu (1).');
  });
  it('flags 1G < 1Gi (decimal vs binary)', () => void one(limits('1', '1G', '1', '1Gi'), 'DDB-E010'));
  it('accepts equal values written differently', () => {
    assert.deepEqual(limits('1', '1Gi', '1000m', '1024Mi'), []);
    assert.deepEqual(limits('0.5', '1073741824', '500m', '1Gi'), []);
  });
  it('accepts requests of "0"', () => assert.deepEqual(limits('1', '1Gi', '0', '0'), []));
  it('checks every role', () => {
    one(
      ha((cr) => {
        at(cr, 'spec.controller.resources.limits').memory = '1Mi';
      }),
      'DDB-E010',
      'spec.controller.resources',
    );
  });
});

describe('DDB-E011 quantities', () => {
  it('rejects dataSize 10GB', () => {
    const p = one(
      ha((cr) => {
        at(cr, 'spec.datanode').dataSize = '10GB';
      }),
      'DDB-E011',
      'spec.datanode.dataSize',
    );
    assert.match(p.message, /10GB is not valid/);
  });
  it('rejects memory 2 GiB', () =>
    void one(
      ha((cr) => {
        at(cr, 'spec.datanode.resources.limits').memory = '2 GiB';
      }),
      'DDB-E011',
      'spec.datanode.resources.limits.memory',
    ));
  it('rejects a negative cpu', () =>
    void one(
      ha((cr) => {
        at(cr, 'spec.datanode.resources.requests').cpu = '-1';
      }),
      'DDB-E011',
      'spec.datanode.resources.requests.cpu',
    ));
  it('rejects minPersistentVolumeSize 20GB', () =>
    void one(
      ha((cr) => {
        cr.spec.minPersistentVolumeSize = '20GB';
      }),
      'DDB-E011',
      'spec.minPersistentVolumeSize',
    ));
  it('wants dataSize quoted when it is a bare number', () => {
    const p = one(
      validateText(toYaml(haCluster()).replace('dataSize: 5Gi', 'dataSize: 5')),
      'DDB-E011',
      'spec.datanode.dataSize',
    );
    assert.equal(p.data?.suggestion, '"5"');
  });
  it('accepts a bare number for cpu (a Kubernetes quantity may be a JSON number)', () => {
    assert.deepEqual(validateText(toYaml(haCluster()).replaceAll('cpu: "1"', 'cpu: 1')), []);
  });
  it('accepts 1Gi, 500m, "0", 1.5, 1e3', () => {
    assert.deepEqual(
      ha((cr) => {
        at(cr, 'spec.datanode.resources.requests').cpu = '500m';
        at(cr, 'spec.datanode.resources.requests').memory = '0';
      }),
      [],
    );
    assert.deepEqual(
      ha((cr) => {
        at(cr, 'spec.datanode.resources.limits').cpu = '1.5';
        at(cr, 'spec.datanode.resources.limits').memory = '1e10';
      }),
      [],
    );
  });
});

describe('DDB-E012 logMode', () => {
  it('rejects 3', () =>
    void one(
      ha((cr) => {
        cr.spec.logMode = 3;
      }),
      'DDB-E012',
      'spec.logMode',
    ));
  it('rejects "1" (a string)', () =>
    void one(
      ha((cr) => {
        cr.spec.logMode = '1';
      }),
      'DDB-E012',
    ));
  it('accepts 0, 1, 2', () => {
    for (const m of [0, 1, 2])
      none(
        ha((cr) => {
          cr.spec.logMode = m;
        }),
        'DDB-E012',
      );
  });
});

describe('DDB-E013 logCleanLimit', () => {
  it('rejects an unquoted number', () =>
    void one(
      validateText(
        toYaml(
          variant(haCluster(), (cr) => {
            cr.spec.logCleanLimit = '0.9';
          }),
        ).replace('"0.9"', '0.9'),
      ),
      'DDB-E013',
      'spec.logCleanLimit',
    ));
  for (const bad of ['1.5', '0', '0.0', 'abc', '90%'])
    it(`rejects "${bad}"`, () =>
      void one(
        ha((cr) => {
          cr.spec.logCleanLimit = bad;
        }),
        'DDB-E013',
      ));
  for (const good of ['0.9', '1', '.5', '1.0'])
    it(`accepts "${good}"`, () =>
      void none(
        ha((cr) => {
          cr.spec.logCleanLimit = good;
        }),
        'DDB-E013',
      ));
});

describe('DDB-E014 port', () => {
  it('rejects 0', () =>
    void one(
      ha((cr) => {
        at(cr, 'spec.controller').port = 0;
      }),
      'DDB-E014',
      'spec.controller.port',
    ));
  it('rejects 70000', () =>
    void one(
      ha((cr) => {
        at(cr, 'spec.datanode').port = 70000;
      }),
      'DDB-E014',
      'spec.datanode.port',
    ));
  it('rejects a quoted port', () =>
    void one(
      ha((cr) => {
        at(cr, 'spec.datanode').port = '32210';
      }),
      'DDB-E014',
    ));
  it('rejects 3.5', () =>
    void one(
      ha((cr) => {
        at(cr, 'spec.datanode').port = 3.5;
      }),
      'DDB-E014',
    ));
  it('accepts 1 and 65535', () => {
    none(
      ha((cr) => {
        at(cr, 'spec.datanode').port = 1;
      }),
      'DDB-E014',
    );
    none(
      ha((cr) => {
        at(cr, 'spec.datanode').port = 65535;
      }),
      'DDB-E014',
    );
  });
});

describe('DDB-E015 config values are strings', () => {
  it('rejects a bare number in config, suggesting the quoted form', () => {
    const p = one(
      ha((cr) => {
        at(cr, 'spec.datanode').config = { workerNum: 8 };
      }),
      'DDB-E015',
      'spec.datanode.config.workerNum',
    );
    assert.equal(p.data?.suggestion, '"8"');
  });
  it('rejects a boolean in controllerConfig and a number in clusterConfig', () => {
    const ps = ha((cr) => {
      at(cr, 'spec.controller').controllerConfig = { enableChunkGranularityConfig: true };
      at(cr, 'spec.controller').clusterConfig = { maxMemSize: 28 };
    });
    assert.equal(withCode(ps, 'DDB-E015').length, 2);
  });
  it('accepts quoted values', () =>
    void none(
      ha((cr) => {
        at(cr, 'spec.datanode').config = { workerNum: '8' };
      }),
      'DDB-E015',
    ));
});

describe('DDB-E016 volumeMounts need volumes', () => {
  const volumes = [{ name: 'plugins', hostPath: { path: '/srv/plugins' } }];
  it('flags a role mount without a role volume, suggesting the near name', () => {
    const p = one(
      ha((cr) => {
        at(cr, 'spec.datanode').volumes = volumes;
        at(cr, 'spec.datanode').volumeMounts = [{ name: 'plugin', mountPath: '/p' }];
      }),
      'DDB-E016',
      'spec.datanode.volumeMounts[0].name',
    );
    assert.equal(p.data?.suggestion, 'plugins');
  });
  it('flags a role mount that only an instance volume satisfies (other pods lack it)', () => {
    one(
      ha((cr) => {
        at(cr, 'spec.datanode').volumeMounts = [{ name: 'scratch', mountPath: '/s' }];
        at(cr, 'spec.datanode').instances = { '0': { volumes: [{ name: 'scratch', emptyDir: {} }] } };
      }),
      'DDB-E016',
      'spec.datanode.volumeMounts[0].name',
    );
  });
  it('accepts an instance mount of a role volume or its own volume', () => {
    assert.deepEqual(
      ha((cr) => {
        at(cr, 'spec.datanode').volumes = volumes;
        at(cr, 'spec.datanode').instances = {
          '0': {
            volumes: [{ name: 'scratch', emptyDir: {} }],
            volumeMounts: [
              { name: 'scratch', mountPath: '/s' },
              { name: 'plugins', mountPath: '/p' },
            ],
          },
        };
      }),
      [],
    );
  });
  it('flags an instance mount with no volume anywhere', () => {
    one(
      ha((cr) => {
        at(cr, 'spec.datanode').instances = { '1': { volumeMounts: [{ name: 'x', mountPath: '/x' }] } };
      }),
      'DDB-E016',
      'spec.datanode.instances.1.volumeMounts[0].name',
    );
  });
  it("does not let one instance use another instance's volume", () => {
    one(
      ha((cr) => {
        at(cr, 'spec.datanode').instances = {
          '0': { volumes: [{ name: 'a', emptyDir: {} }] },
          '1': { volumeMounts: [{ name: 'a', mountPath: '/a' }] },
        };
      }),
      'DDB-E016',
      'spec.datanode.instances.1.volumeMounts[0].name',
    );
  });
});

describe('DDB-E017 / W017 instance keys', () => {
  it('rejects a non-numeric key', () =>
    void one(
      ha((cr) => {
        at(cr, 'spec.datanode').instances = { first: { paused: true } };
      }),
      'DDB-E017',
      'spec.datanode.instances.first',
    ));
  it('rejects -1 and 1.5', () => {
    const ps = validateText(
      toYaml(haCluster()).replace(
        '  datanode:\n',
        '  datanode:\n    instances:\n      -1: {paused: true}\n      1.5: {paused: true}\n',
      ),
    );
    assert.equal(withCode(ps, 'DDB-E017').length, 2);
  });
  it('rejects the same index written as 0 and "0"', () => {
    const ps = validateText(
      toYaml(haCluster()).replace(
        '  datanode:\n',
        '  datanode:\n    instances:\n      0: {paused: true}\n      "0": {paused: false}\n',
      ),
    );
    const p = one(ps, 'DDB-E017', 'spec.datanode.instances.0');
    assert.equal(p.range.start.line, p.range.end.line);
  });
  it('accepts 0: and "1":', () => {
    assert.deepEqual(
      validateText(
        toYaml(haCluster()).replace(
          '  datanode:\n',
          '  datanode:\n    instances:\n      0: {paused: true}\n      "1": {service: {}}\n',
        ),
      ),
      [],
    );
  });
  it('warns about an index >= replicas', () => {
    const p = one(
      ha((cr) => {
        at(cr, 'spec.datanode').instances = { '3': { paused: true } };
      }),
      'DDB-W017',
      'spec.datanode.instances.3',
    );
    assert.match(p.message, /indices end at 2/);
  });
  it('warns with 0 replicas', () =>
    void one(
      ha((cr) => {
        at(cr, 'spec.datanode').replicas = 0;
        at(cr, 'spec.datanode').instances = { '0': {} };
      }),
      'DDB-W017',
    ));
  it('does not warn for index 2 of 3', () =>
    void none(
      ha((cr) => {
        at(cr, 'spec.datanode').instances = { '2': { paused: true } };
      }),
      'DDB-W017',
    ));
});

describe('DDB-E018 license server', () => {
  const ls = (version: string, address: string, known?: ValidationContext) =>
    check(
      variant(standalone(), (cr) => {
        cr.spec.version = version;
        cr.spec.licenseServerAddress = address;
      }),
      known,
    );
  it('rejects an address with v2.00.8', () => void one(ls('v2.00.8', '10.0.0.1:29999'), 'DDB-E018', 'spec.licenseServerAddress'));
  it('rejects an address with v1.30.20', () => void one(ls('v1.30.20', '10.0.0.1:29999'), 'DDB-E018'));
  it('accepts None, none and "" with any version', () => {
    for (const a of ['None', 'none', '', '  ']) none(ls('v2.00.8', a), 'DDB-E018');
  });
  it('accepts v2.00.9, v1.30.21, v3.00.3', () => {
    for (const v of ['v2.00.9', 'v1.30.21', 'v3.00.3']) none(ls(v, '10.0.0.1:29999'), 'DDB-E018');
  });
  it('falls back to the documented rule for versions the list does not know', () => {
    none(ls('v3.00.4', 'x:1'), 'DDB-E018');
    one(ls('v2.00.2', 'x:1'), 'DDB-E018');
  });
  it("uses the caller's list when given", () => {
    const list: VersionInfo[] = [{ version: 'v2.00.8', isSupportLicenseServer: true }];
    none(ls('v2.00.8', 'x:1', { supportedVersions: list }), 'DDB-E018');
    one(ls('v2.00.16', 'x:1', { supportedVersions: [{ version: 'v2.00.16' }] }), 'DDB-E018');
  });
});

describe('DDB-W019 minPersistentVolumeSize', () => {
  it('warns for a dataSize below the floor', () => {
    const p = one(
      ha((cr) => {
        cr.spec.minPersistentVolumeSize = '20Gi';
        at(cr, 'spec.controller').dataSize = '20Gi';
        at(cr, 'spec.controller').logSize = '20Gi';
        at(cr, 'spec.datanode').dataSize = '10Gi';
        at(cr, 'spec.datanode').logSize = '20Gi';
      }),
      'DDB-W019',
      'spec.datanode.dataSize',
    );
    assert.equal(p.data?.suggestion, '20Gi');
  });
  it('warns for each small size', () =>
    assert.equal(
      withCode(
        ha((cr) => {
          cr.spec.minPersistentVolumeSize = '20Gi';
        }),
        'DDB-W019',
      ).length,
      4,
    ));
  it('is quiet for "0" and for sizes at the floor', () => {
    none(
      ha((cr) => {
        cr.spec.minPersistentVolumeSize = '0';
      }),
      'DDB-W019',
    );
    none(
      ha((cr) => {
        cr.spec.minPersistentVolumeSize = '1Gi';
      }),
      'DDB-W019',
    );
  });
});

describe('DDB-W020 node capacity', () => {
  const big = (cr: Obj & { spec: Obj }) => {
    at(cr, 'spec.datanode').resources = { limits: { cpu: '8', memory: '32Gi' }, requests: { cpu: '8', memory: '32Gi' } };
  };
  it('warns when no node has enough', () => {
    const p = one(
      check(variant(haCluster(), big), {
        nodeCapacity: [
          { cpu: '16', memory: '16Gi' },
          { cpu: '4', memory: '64Gi' },
        ],
      }),
      'DDB-W020',
      'spec.datanode.resources.requests',
    );
    assert.match(p.message, /largest node: 4 CPU, 64Gi memory/);
  });
  it('is quiet when one node has both', () =>
    void none(check(variant(haCluster(), big), { nodeCapacity: [{ cpu: '8', memory: '32Gi' }] }), 'DDB-W020'));
  it('accepts numbers (cores, bytes) for capacity', () =>
    void none(check(variant(haCluster(), big), { nodeCapacity: [{ cpu: 8, memory: 34359738368 }] }), 'DDB-W020'));
  it('uses limits when requests are absent', () => {
    one(
      check(
        variant(haCluster(), (cr) => {
          at(cr, 'spec.datanode').resources = { limits: { cpu: '2', memory: '32Gi' } };
        }),
        { nodeCapacity: [{ cpu: '8', memory: '16Gi' }] },
      ),
      'DDB-W020',
    );
  });
  it('is not checked without capacity', () => void none(check(variant(haCluster(), big)), 'DDB-W020'));
});

describe('DDB-E021 replicas', () => {
  it('rejects controller replicas 0', () =>
    void one(
      ha((cr) => {
        at(cr, 'spec.controller').replicas = 0;
      }),
      'DDB-E021',
      'spec.controller.replicas',
    ));
  it('rejects negative datanodes', () =>
    void one(
      ha((cr) => {
        at(cr, 'spec.datanode').replicas = -1;
      }),
      'DDB-E021',
      'spec.datanode.replicas',
    ));
  it('rejects 1.5 and "3"', () => {
    one(
      ha((cr) => {
        at(cr, 'spec.datanode').replicas = 1.5;
      }),
      'DDB-E021',
    );
    one(
      ha((cr) => {
        at(cr, 'spec.datanode').replicas = '3';
      }),
      'DDB-E021',
    );
  });
  it('rejects 3.0 (a float the operator cannot decode into an int)', () => {
    one(
      validateText(toYaml(haCluster()).replace('replicas: 3\n    port: 32210', 'replicas: 3.0\n    port: 32210')),
      'DDB-E021',
      'spec.datanode.replicas',
    );
  });
  it('accepts computenode replicas 0', () =>
    void none(
      ha((cr) => {
        cr.spec.computenode = { replicas: 0 };
      }),
      'DDB-E021',
    ));
});

describe('DDB-W022 referenced PVCs', () => {
  const withClaim = () =>
    variant(haCluster(), (cr) => {
      at(cr, 'spec.datanode').volumes = [{ name: 'in', persistentVolumeClaim: { claimName: 'extra-data' } }];
    });
  it('warns when the PVC does not exist', () => {
    const p = one(
      check(withClaim(), { pvcNames: ['extra-date'] }),
      'DDB-W022',
      'spec.datanode.volumes[0].persistentVolumeClaim.claimName',
    );
    assert.equal(p.data?.suggestion, 'extra-date');
  });
  it('is quiet when it exists', () => void none(check(withClaim(), { pvcNames: ['extra-data'] }), 'DDB-W022'));
  it('is not checked without a PVC list', () => void none(check(withClaim()), 'DDB-W022'));
});

describe('DDB-W023 StorageClass', () => {
  it('warns for an unknown class, suggesting a near one', () => {
    const p = one(check(haCluster(), { storageClasses: ['local-paths', 'standard'] }), 'DDB-W023', 'spec.storageClassName');
    assert.equal(p.data?.suggestion, 'local-paths');
  });
  it('is quiet for a known class', () => void none(check(haCluster(), { storageClasses: ['local-path'] }), 'DDB-W023'));
});

describe('DDB-W024 namespace missing / DDB-H001 cluster exists', () => {
  it('warns on metadata.namespace when the cluster has no such namespace', () => {
    const p = one(check(haCluster(), { namespaces: ['default', 'kube-system'] }), 'DDB-W024', 'metadata.namespace');
    assert.equal(p.severity, 'warning');
    assert.equal(p.args.namespace, 'dolphindb');
  });
  it('is quiet for an existing namespace, without a namespace, and offline', () => {
    none(check(haCluster(), { namespaces: ['dolphindb'] }), 'DDB-W024');
    none(
      check(
        variant(haCluster(), (cr) => delete (cr.metadata as Obj).namespace),
        { namespaces: [] },
      ),
      'DDB-W024',
    );
    none(check(haCluster()), 'DDB-W024');
  });
  it('hints on metadata.name when a cluster of that name is already in the namespace', () => {
    const cr = haCluster();
    const [namespace, name] = ['dolphindb', 'ha'];
    const p = one(check(cr, { existingClusters: { namespace, names: ['other', name] } }), 'DDB-H001', 'metadata.name');
    assert.equal(p.severity, 'hint');
    assert.match(p.message, /already exists/);
    none(check(cr, { existingClusters: { namespace, names: ['other'] } }), 'DDB-H001');
    // The list is for another namespace: it says nothing about this document.
    none(check(cr, { existingClusters: { namespace: `${namespace}-x`, names: [name] } }), 'DDB-H001');
  });
});

describe('schema problems: W100 unknown keys, E100 types, E101 values, E102 required', () => {
  it('clustertype → W100 suggesting clusterType, plus E004 for the missing field', () => {
    const text = toYaml(haCluster()).replace('clusterType:', 'clustertype:');
    const ps = validateText(text);
    const p = one(ps, 'DDB-W100', 'spec.clustertype');
    assert.equal(p.data?.suggestion, 'clusterType');
    assert.match(p.message, /did you mean clusterType\?/);
    one(ps, 'DDB-E004');
  });
  it('suggests replicas for replica, dataSize for dataSzie, hostPath for hostpath', () => {
    const s = (edit: (cr: Obj & { spec: Obj }) => void) => withCode(ha(edit), 'DDB-W100').map((p) => p.data?.suggestion);
    assert.deepEqual(
      s((cr) => {
        at(cr, 'spec.controller').replica = 3;
      }),
      ['replicas'],
    );
    assert.deepEqual(
      s((cr) => {
        at(cr, 'spec.controller').dataSzie = '1Gi';
      }),
      ['dataSize'],
    );
    assert.deepEqual(
      s((cr) => {
        at(cr, 'spec.datanode').volumes = [{ name: 'v', hostpath: { path: '/x' } }];
      }),
      ['hostPath'],
    );
  });
  it('reports a far-off key without a suggestion', () => {
    const p = one(
      ha((cr) => {
        cr.spec.zzzTopLevelThing = 1;
      }),
      'DDB-W100',
    );
    assert.equal(p.data, undefined);
  });
  it('flags unknown keys in customMeta, timeMeta, instances and the top level', () => {
    const ps = ha((cr) => {
      cr.spec.customMeta = { podLabel: { a: 'b' } };
      cr.spec.timeMeta = { localTimeFilePath: '/etc/localtime' };
      at(cr, 'spec.datanode').instances = { '0': { pause: true } };
      cr.specs = {};
    });
    assert.deepEqual(
      withCode(ps, 'DDB-W100')
        .map((p) => p.path)
        .sort(),
      ['spec.customMeta.podLabel', 'spec.datanode.instances.0.pause', 'spec.timeMeta.localTimeFilePath', 'specs'],
    );
  });
  it('says where a misplaced config key belongs', () => {
    const ps = ha((cr) => {
      at(cr, 'spec.datanode').clusterConfig = { a: 'b' };
      at(cr, 'spec.controller').config = { a: 'b' };
    });
    const w = withCode(ps, 'DDB-W100');
    assert.equal(w.length, 2);
    assert.ok(w.some((p) => p.messageKey === 'field.controllerOnly' && p.path === 'spec.datanode.clusterConfig'));
    assert.ok(w.some((p) => p.messageKey === 'field.dataComputeOnly' && p.path === 'spec.controller.config'));
  });
  it('does not flag metadata or status fields written by the API server', () => {
    assert.deepEqual(
      ha((cr) => {
        at(cr, 'metadata').uid = 'x';
        at(cr, 'metadata').finalizers = ['a'];
        cr.status = { phase: 'Available', observedGeneration: 2 };
      }),
      [],
    );
  });
  it('a spec that is not a map is one E100, without rule noise', () => {
    assert.deepEqual(
      validateText('apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\nmetadata: {name: x}\nspec: [1]\n').map((p) => [
        p.code,
        p.path,
      ]),
      [['DDB-E100', 'spec']],
    );
  });
  it('a missing spec asks for mode and version', () => {
    assert.deepEqual(
      validateText('apiVersion: dolphindb.dolphindb.io/v1\nkind: DolphinDB\nmetadata: {name: x}\n')
        .map((p) => p.code)
        .sort(),
      ['DDB-E009', 'DDB-W003'],
    );
  });
  it('E100 for a wrong type', () => {
    one(
      ha((cr) => {
        cr.spec.customMeta = 'none';
      }),
      'DDB-E100',
      'spec.customMeta',
    );
    one(
      ha((cr) => {
        cr.spec.disablePromtail = 'false';
      }),
      'DDB-E100',
      'spec.disablePromtail',
    );
    one(
      ha((cr) => {
        at(cr, 'spec.datanode').volumes = { name: 'x' };
      }),
      'DDB-E100',
      'spec.datanode.volumes',
    );
  });
  it('reads YAML 1.1 booleans as kubectl does (yes is true)', () => {
    assert.deepEqual(validateText(toYaml(haCluster()).replace('logMode: 0', 'logMode: 0\n  disablePromtail: yes')), []);
  });
  it('E101 for an enum miss inside Kubernetes types, with suggestions', () => {
    const p = one(
      ha((cr) => {
        at(cr, 'spec.datanode').instances = { '0': { service: { type: 'NodePorts' } } };
      }),
      'DDB-E101',
      'spec.datanode.instances.0.service.type',
    );
    assert.equal(p.data?.suggestion, 'NodePort');
    const q = one(
      ha((cr) => {
        cr.spec.nodeAffinity = {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'in', values: ['a'] }] }],
          },
        };
      }),
      'DDB-E101',
    );
    assert.equal(q.data?.suggestion, 'In');
  });
  it('E102 for a missing required Kubernetes field', () => {
    const p = one(
      ha((cr) => {
        at(cr, 'spec.datanode').volumes = [{ name: 'v', emptyDir: {} }];
        at(cr, 'spec.datanode').volumeMounts = [{ name: 'v' }];
      }),
      'DDB-E102',
      'spec.datanode.volumeMounts[0]',
    );
    assert.match(p.message, /mountPath/);
  });
  it('accepts a full Service spec and node affinity', () => {
    assert.deepEqual(
      ha((cr) => {
        at(cr, 'spec.datanode').instances = {
          '0': {
            service: {
              type: 'NodePort',
              ports: [{ port: 32210, targetPort: 32210, nodePort: 30001, protocol: 'TCP' }],
              externalTrafficPolicy: 'Local',
            },
          },
        };
        cr.spec.nodeAffinity = {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 10, preference: { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] } },
          ],
        };
      }),
      [],
    );
  });
});
