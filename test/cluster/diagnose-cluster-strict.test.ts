// The same suite as diagnose-cluster.test.ts, against the simulated operator's strict dialect.
import './strict-mode';
import './diagnose-cluster.test';
