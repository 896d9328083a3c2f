// Imported first by the `*-strict.test.ts` files: runs the suite they import against the
// simulated operator's strict dialect (test/sim-operator/dialect.ts), in which only the
// cluster's ConfigMap carries the dolphindb.io labels and container names, port names,
// masterInstance and paused instances differ from the inferred guesses.
process.env.DDB_SIM_MODE = 'strict';
