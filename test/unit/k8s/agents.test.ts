// The pure parts of the agent pool: which requests may share a connection, which agent type a
// proxy-url gives, and that a replaced identity's agent is retired once idle.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import * as https from 'node:https';
import { describe, it } from 'node:test';
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import { AgentPool, REQUEST_SOCKETS, WATCH_SOCKETS, createAgent, identityKey } from '../../../src/core/k8s/agents';

const base = { hostname: 'api.example', port: 6443, ca: Buffer.from('CA'), key: Buffer.from('KEY') };

describe('agent identity', () => {
  it('tells apart two client certificates of the same length', () => {
    const a = identityKey('request', { ...base, cert: Buffer.from('CERT-AAAA') }, undefined);
    const b = identityKey('request', { ...base, cert: Buffer.from('CERT-BBBB') }, undefined);
    assert.notEqual(a, b);
    assert.equal(a, identityKey('request', { ...base, cert: Buffer.from('CERT-AAAA') }, undefined), 'same content, same key');
  });

  it('keeps watches and requests apart, and a proxy apart from a direct path', () => {
    const o = { ...base, cert: Buffer.from('C') };
    assert.notEqual(identityKey('request', o, undefined), identityKey('watch', o, undefined));
    assert.notEqual(identityKey('request', o, undefined), identityKey('request', o, 'http://127.0.0.1:3128'));
  });

  it('does not let one field run into the next', () => {
    const a = identityKey('request', { ...base, cert: Buffer.from('AB'), key: Buffer.from('C') }, undefined);
    const b = identityKey('request', { ...base, cert: Buffer.from('A'), key: Buffer.from('BC') }, undefined);
    assert.notEqual(a, b);
  });
});

describe('agent creation', () => {
  it('sizes the pools: watches are not limited to the request pool', () => {
    const req = createAgent('request', base, 'https://api.example:6443', undefined);
    const watch = createAgent('watch', base, 'https://api.example:6443', undefined);
    assert.ok(req instanceof https.Agent);
    assert.equal(req.maxSockets, REQUEST_SOCKETS);
    assert.equal(watch.maxSockets, WATCH_SOCKETS);
    assert.ok(WATCH_SOCKETS > REQUEST_SOCKETS * 8);
    req.destroy();
    watch.destroy();
  });

  it('tunnels through the proxy-url (HTTP CONNECT or SOCKS)', () => {
    const tunnel = createAgent('request', base, 'https://api.example:6443', 'http://127.0.0.1:3128');
    assert.ok(tunnel instanceof HttpsProxyAgent);
    const plain = createAgent('request', base, 'http://api.example:8080', 'http://127.0.0.1:3128');
    assert.ok(plain instanceof HttpProxyAgent);
    const socks = createAgent('watch', base, 'https://api.example:6443', 'socks5://127.0.0.1:1080');
    assert.ok(socks instanceof SocksProxyAgent);
    const direct = createAgent('request', base, 'http://api.example:8080', undefined);
    assert.ok(direct instanceof http.Agent && !(direct instanceof https.Agent));
    for (const a of [tunnel, plain, socks, direct]) a.destroy();
  });
});

describe('agent pool', () => {
  it('reuses the agent of an identity and retires a replaced one once it is idle', () => {
    const pool = new AgentPool();
    const one = { ...base, cert: Buffer.from('CERT-AAAA') };
    const a = pool.agentFor('request', one, 'https://api.example:6443', undefined);
    assert.equal(pool.agentFor('request', { ...one }, 'https://api.example:6443', undefined), a);
    const w = pool.agentFor('watch', one, 'https://api.example:6443', undefined);
    assert.notEqual(w, a);
    assert.equal(pool.size, 2);
    let destroyed = false;
    const destroy = a.destroy.bind(a);
    a.destroy = () => {
      destroyed = true;
      destroy();
    };
    const b = pool.agentFor('request', { ...base, cert: Buffer.from('CERT-BBBB') }, 'https://api.example:6443', undefined);
    assert.notEqual(b, a);
    assert.equal(pool.size, 3, 'the old agent stays until the next sweep');
    pool.agentFor('request', { ...base, cert: Buffer.from('CERT-BBBB') }, 'https://api.example:6443', undefined);
    assert.ok(destroyed, 'the idle old agent was closed');
    assert.equal(pool.size, 2);
    pool.dispose();
    assert.equal(pool.size, 0);
  });
});
