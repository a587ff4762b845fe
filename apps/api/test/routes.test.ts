/**
 * Route tests (app.inject) for every endpoint and every error of issue 3, against the simulator, checking the
 * simulated hosts' state. All suites run against one API instance, as a full run, so that the last suite can grep
 * that instance's logs and audit file for credentials, cookies and tokens. Each suite starts from the initial
 * inventory (POST /sim/reset; sessions stay signed in).
 *
 * One suite: npx vitest run apps/api/test/routes.test.ts -t "preflight"
 */
import { afterAll, beforeAll } from "vitest";

import { startApi, type TestApi } from "./helpers.ts";
import { auditSuite } from "./route-suites/audit.ts";
import { createSuite } from "./route-suites/create.ts";
import { editAdapterSuite } from "./route-suites/edit-adapter.ts";
import { errorsSuite } from "./route-suites/errors.ts";
import { expirySuite } from "./route-suites/expiry.ts";
import { hostsSuite } from "./route-suites/hosts.ts";
import { logsSuite } from "./route-suites/logs.ts";
import { netstacksSuite } from "./route-suites/netstacks.ts";
import { networkingSuite } from "./route-suites/networking.ts";
import { openapiSuite } from "./route-suites/openapi.ts";
import { physicalAdaptersSuite } from "./route-suites/physical-adapters.ts";
import { portGroupsSuite } from "./route-suites/port-groups.ts";
import { removeAdapterSuite } from "./route-suites/remove-adapter.ts";
import { preflightSuite } from "./route-suites/preflight.ts";
import { rolesSuite } from "./route-suites/roles.ts";
import { sessionSuite } from "./route-suites/session.ts";
import { switchesSuite } from "./route-suites/switches.ts";
import { recordSimulatorSessions } from "./route-suites/support.ts";

let api: TestApi;
beforeAll(async () => {
  // addnet.example is the name the session suite's same-origin cases use: a deployment's own name (ALLOWED_HOSTS).
  api = await startApi({}, { ALLOWED_HOSTS: "addnet.example" });
  recordSimulatorSessions(api);
});
afterAll(() => api?.close());
const getApi = () => api;

sessionSuite(getApi);
hostsSuite(getApi);
networkingSuite(getApi);
preflightSuite(getApi);
createSuite(getApi);
portGroupsSuite(getApi);
physicalAdaptersSuite(getApi);
editAdapterSuite(getApi);
removeAdapterSuite(getApi);
switchesSuite(getApi);
netstacksSuite(getApi);
rolesSuite(getApi);
expirySuite(getApi);
auditSuite(getApi);
openapiSuite(getApi);
errorsSuite(getApi);
// Last: after everything above ran in this one instance.
logsSuite(getApi);
