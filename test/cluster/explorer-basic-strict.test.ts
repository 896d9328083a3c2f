// The same suite as explorer-basic.test.ts, against the simulated operator's strict dialect.
import './strict-mode';
import './explorer-basic.test';
