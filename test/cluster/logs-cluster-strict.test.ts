// The same suite as logs-cluster.test.ts, against the simulated operator's strict dialect.
import './strict-mode';
import './logs-cluster.test';
