// The same suite as lifecycle-license.test.ts, against the simulated operator's strict dialect.
import './strict-mode';
import './lifecycle-license.test';
