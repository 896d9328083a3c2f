// The explorer's item menus as VS Code would show them: each `when` clause of view/item/context
// is evaluated against the contextValue of nodes the core renders, so a menu that can never match
// (a token that is the first after the kind and a clause that wants `;` before it) or that
// offers the wrong one of a pair (Pause on a paused instance) fails here.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ExplorerNode } from '../../../src/core/explorer/nodes';
import { containerNodes, instanceNode } from '../../../src/core/explorer/render/members';
import { english as t } from '../../../src/core/i18n/translate';
import type { Permission } from '../../../src/core/k8s/accessVerbs';
import type { KubeObject } from '../../../src/core/k8s/resources';
import { contextValueOf } from '../../../src/extension/views/contextValue';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { menus: Record<string, { command: string; when?: string; group?: string }[]> };
};

/**
 * The clause forms the clusters view uses: `view == x` and `viewItem =~ /re/` joined by `&&`.
 * Anything else makes the test fail, so a new form gets an evaluator instead of a pass.
 */
function matches(when: string, view: string, viewItem: string): boolean {
  return when.split(/\s*&&\s*/).every((term) => {
    const v = /^view == (\S+)$/.exec(term);
    if (v) return v[1] === view;
    const re = /^viewItem =~ \/(.+)\/$/.exec(term);
    if (re) return new RegExp(re[1]).test(viewItem);
    throw new Error(`clause form not understood: ${term}`);
  });
}

/** The commands of the clusters view's context menu (not the inline row) for this node. */
function menu(node: ExplorerNode, granted: Permission[]): string[] {
  const cv = contextValueOf(node, new Set(granted));
  return manifest.contributes.menus['view/item/context']
    .filter((m) => m.group !== 'inline' && m.when && matches(m.when, 'dolphindbK8s.clusters', cv))
    .map((m) => m.command.replace('dolphindbK8s.', ''));
}

const at = { context: 'c', namespace: 'ns', name: 'ha' };
const ADMIN: Permission[] = ['edit', 'restart', 'services'];
const inst = (paused: boolean, hasService: boolean): ExplorerNode =>
  instanceNode(at, { instance: 'ddb-ha-dn-0', leader: false, paused, hasService }, t);

describe('explorer menus that know the state', () => {
  it('a running instance: Pause and Restart, not Resume; Give Service without one, Remove with one', () => {
    const m = menu(inst(false, false), ADMIN);
    for (const c of ['pauseInstance', 'restartInstance', 'addInstanceService']) assert.ok(m.includes(c), `${c} in ${m}`);
    for (const c of ['resumeInstance', 'removeInstanceService']) assert.ok(!m.includes(c), `${c} not in ${m}`);
    const withService = menu(inst(false, true), ADMIN);
    assert.ok(withService.includes('removeInstanceService') && !withService.includes('addInstanceService'), String(withService));
  });

  it('a paused instance: Resume, not Pause nor Restart', () => {
    const m = menu(inst(true, false), ADMIN);
    assert.ok(m.includes('resumeInstance'), String(m));
    assert.ok(!m.includes('pauseInstance') && !m.includes('restartInstance'), String(m));
  });

  it('without the permissions, neither of a pair', () => {
    const m = menu(inst(false, false), []);
    for (const c of ['pauseInstance', 'resumeInstance', 'addInstanceService', 'removeInstanceService', 'restartInstance'])
      assert.ok(!m.includes(c), `${c} not in ${m}`);
  });

  it("the instance's pod: its YAML and name from the instance's menu, with logs, describe and port-forward", () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ddb-ha-dn-0-0', namespace: 'ns' },
      spec: { containers: [{ name: 'a', image: 'x' }] },
    } as KubeObject;
    const node = instanceNode(at, { instance: 'ddb-ha-dn-0', pod, leader: false, paused: false, hasService: false }, t);
    const m = menu(node, ADMIN);
    for (const c of ['showPodYaml', 'copyPodName', 'podLogs', 'describe', 'portForward', 'showYaml'])
      assert.ok(m.includes(c), `${c} in ${m}`);
  });

  it('container rows: Logs of this container and Copy image; an init container only Copy image', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ddb-ha-dn-0-0', namespace: 'ns' },
      spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'a', image: 'x' }] },
    } as KubeObject;
    const [init, app] = containerNodes('c', pod, t);
    assert.deepEqual(menu(app, []).sort(), ['containerLogs', 'copyImage']);
    assert.deepEqual(menu(init, []), ['copyImage']);
  });
});
