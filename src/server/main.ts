// Placeholder entry replaced by the language server wiring.
export {};
