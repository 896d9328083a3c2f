// DolphinDB domain knowledge (docs/domain.md §2–§6): CR types, child names, status display,
// versions, license inspection and quantities. Plain Node; no editor or LSP imports.
export * from './types';
export * from './names';
export * from './status';
export * from './versions';
export * from './license';
export * from './quantity';
