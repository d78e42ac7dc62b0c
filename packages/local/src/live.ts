// `pnpm start -- --live` (see docs/local-runtime.md): the real GovWin, HubSpot and Partner Central endpoints
// with credentials from the environment. The implementation lives in ./live/.
export type { LiveIo } from './live/run-live';
export { runLive } from './live/run-live';
