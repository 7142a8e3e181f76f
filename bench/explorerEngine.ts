// The explorer as the CLI runs it, for the benchmark: scripts/build-cli.mjs bundles this
// file next to the CLI and its worker, so the figures are those of `npm run scenario`.
export { loadScenario, resolveModel } from '../src/engine/lab';
export { explore } from '../src/engine/run/explore/explorer';
export { ExplorePool } from '../src/cli/explorePool';
