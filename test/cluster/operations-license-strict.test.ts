// The same suite as operations-license.test.ts, against the simulated operator's strict dialect.
import './strict-mode';
import './operations-license.test';
