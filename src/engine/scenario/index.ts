// The public API of the scenario language front end: parse `.ioasid` text into the AST of
// ast.ts or a list of `FILE:LINE:COL` diagnostics.

export type * from './ast';
export { formatDiagnostic, MAX_REPORTED_ERRORS, type Diagnostic } from './diagnostics';
export { parseScenario, MAX_SCENARIO_CHARS, type ParseResult } from './parser';
export { KNOWN_VERBS, VERBS, type VerbSchema, type Namespace } from './verbs';
export { namesUsedBy, nameDeclaredBy } from './resolve';
export { nearestName } from './suggest';
