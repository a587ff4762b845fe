/**
 * The suite's fixtures: the simulator reset before every test, an administrator's API client to read the host's
 * resulting state, and the sign-in and wizard steps every test shares.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import type { CreatedAdapter, HostNetworking, HostsPage, SessionInfo, VmkernelAdapterModel } from "@addnet/contracts";
import { AxeBuilder } from "@axe-core/playwright";
import { test as base, expect, request, type APIRequestContext, type Locator, type Page } from "@playwright/test";

import { UiData } from "./english.ts";
import { BASE_URL, CONTROL_TOKEN, SIM_URL, USERS, type UserName } from "./env.ts";
import { DEFAULT_STACK_ADAPTER } from "./models.ts";

export { expect } from "@playwright/test";

const SCREENSHOTS = fileURLToPath(new URL("../screenshots/", import.meta.url));

/** The simulated vCenter's control endpoint. */
export class Simulator {
  private async post(path: string): Promise<unknown> {
    const res = await fetch(`${SIM_URL}${path}`, { method: "POST", headers: { Authorization: `Bearer ${CONTROL_TOKEN}` } });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  /** Back to the initial inventory. */
  reset(): Promise<unknown> {
    return this.post("/sim/reset");
  }

  /** Ends every vCenter session, as vCenter's idle timeout would. */
  expireSessions(): Promise<unknown> {
    return this.post("/sim/sessions/expire");
  }

  /** vCenter answers the method's next call (or every call, mode "always") with the fault (packages/simulator/src/control.ts). */
  async injectFault(rule: { method: string; fault: string; mode?: "once" | "always"; after?: number; objectId?: string }): Promise<void> {
    const res = await fetch(`${SIM_URL}/sim/faults`, {
      method: "POST",
      headers: { Authorization: `Bearer ${CONTROL_TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify(rule),
    });
    if (res.status !== 201) throw new Error(`POST /sim/faults: ${res.status} ${await res.text()}`);
  }

  /** No fault injected any more. */
  async clearFaults(): Promise<void> {
    const res = await fetch(`${SIM_URL}/sim/faults`, { method: "DELETE", headers: { Authorization: `Bearer ${CONTROL_TOKEN}` } });
    if (!res.ok) throw new Error(`DELETE /sim/faults: ${res.status} ${await res.text()}`);
  }
}

/** A user's client of the addnet REST API (its own cookie jar), signing in again if vCenter ended the session. */
export class Api {
  private csrf = "";

  private constructor(
    readonly context: APIRequestContext,
    private readonly user: UserName,
  ) {}

  static async signIn(user: UserName): Promise<Api> {
    const api = new Api(await request.newContext({ baseURL: BASE_URL }), user);
    await api.login();
    return api;
  }

  private async login(): Promise<void> {
    const res = await this.context.post("/api/v1/session", { data: USERS[this.user] });
    expect(res.status(), await res.text()).toBe(200);
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  /** A call, retried once after signing in again when the answer is 401 (the simulator ended the session). */
  async call(method: "GET" | "POST" | "PATCH", path: string, data?: unknown, headers: Record<string, string> = {}) {
    const send = () =>
      this.context.fetch(`/api/v1${path}`, {
        method,
        data,
        headers: method === "GET" ? headers : { "X-CSRF-Token": this.csrf, ...headers },
      });
    let res = await send();
    if (res.status() === 401) {
      await this.login();
      res = await send();
    }
    return res;
  }

  async get<T>(path: string): Promise<T> {
    const res = await this.call("GET", path);
    expect(res.status(), `GET ${path}: ${await res.text()}`).toBe(200);
    return (await res.json()) as T;
  }

  /** The id of a host by its name, e.g. esx-01 → host-NN. */
  async hostId(shortName: string): Promise<string> {
    const page = await this.get<HostsPage>(`/hosts?search=${encodeURIComponent(shortName)}`);
    const host = page.items.find((h) => h.name === `${shortName}.lab.local`);
    if (!host) throw new Error(`no host ${shortName} in ${page.items.map((h) => h.name).join(", ")}`);
    return host.id;
  }

  networking(hostId: string): Promise<HostNetworking> {
    return this.get<HostNetworking>(`/hosts/${encodeURIComponent(hostId)}/networking`);
  }

  /** Creates an adapter directly through the API (for tests whose subject is something else). */
  async createAdapter(hostId: string, model: VmkernelAdapterModel): Promise<CreatedAdapter> {
    const res = await this.call("POST", `/hosts/${encodeURIComponent(hostId)}/vmkernel-adapters`, model, {
      "Idempotency-Key": crypto.randomUUID(),
    });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as CreatedAdapter;
  }

  dispose(): Promise<void> {
    return this.context.dispose();
  }
}

const GOVC = fileURLToPath(new URL("../../.tmp/govc/govc", import.meta.url));
const GOVC_HOME = mkdtempSync(join(tmpdir(), "e2e-govc-"));

/**
 * VMware's govc (built from Debian's govmomi by scripts/install-govc.sh) against the suite's simulated vCenter, as the
 * administrator: the host as VMware's own client reads it, beside what addnet says.
 */
export async function govc(...args: string[]): Promise<string> {
  if (!existsSync(GOVC)) throw new Error(`${GOVC} is missing: scripts/install-govc.sh builds it`);
  const env = {
    ...process.env,
    HOME: GOVC_HOME,
    GOVC_URL: `${SIM_URL}/sdk`,
    GOVC_USERNAME: USERS.administrator.username,
    GOVC_PASSWORD: USERS.administrator.password,
    GOVC_INSECURE: "1",
  };
  const { stdout } = await promisify(execFile)(GOVC, args, { env, timeout: 30_000 });
  return stdout;
}

/** govc host.portgroup.info of a host: each port group's name, switch and VLAN ID. */
export async function govcPortGroups(host: string): Promise<{ name: string; vswitch: string; vlanId: number }[]> {
  return govcBlocks(await govc("host.portgroup.info", "-host", host)).map((field) => ({
    name: field("Name"),
    vswitch: field("Virtual switch"),
    vlanId: Number(field("VLAN ID")),
  }));
}

/** govc host.vswitch.info of a host: each standard switch's name, physical adapters and MTU. */
export async function govcSwitches(host: string): Promise<{ name: string; pnic: string[]; mtu: number }[]> {
  return govcBlocks(await govc("host.vswitch.info", "-host", host)).map((field) => ({
    name: field("Name"),
    pnic: field("Pnic") ? field("Pnic").split(", ") : [],
    mtu: Number(field("MTU")),
  }));
}

/** govc's "Label: value" blocks, one a line, blocks apart by an empty line: a reader of each block's fields. */
function govcBlocks(text: string): ((label: string) => string)[] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => (label: string) => new RegExp(`^${label}:\\s*(.*)$`, "m").exec(block)?.[1]?.trim() ?? "");
}

/** The signed-in page's CSRF token, as the web app reads it: for a request the UI would not send. */
export async function csrfToken(page: Page): Promise<string> {
  const res = await page.request.get("/api/v1/session");
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** Saves a screenshot of each wizard page as screenshots/<flow>-<nn>-<page>.png. */
export class Screenshots {
  private n = 0;
  constructor(
    private readonly page: Page,
    private readonly flow: string,
  ) {
    mkdirSync(SCREENSHOTS, { recursive: true });
  }

  async take(name: string): Promise<void> {
    this.n += 1;
    // Nothing moving (spinners, focus rings fading in) makes the pictures comparable between runs.
    await this.page.screenshot({
      path: `${SCREENSHOTS}${this.flow}-${String(this.n).padStart(2, "0")}-${name}.png`,
      animations: "disabled",
    });
  }
}

/**
 * A request that skips the UI gets the same answer: the user's create and default-stack edit on the host are
 * refused with 403 naming Host.Config.Network.
 */
export async function expectApiRefusesHostChanges(user: UserName, hostId: string): Promise<void> {
  const api = await Api.signIn(user);
  try {
    const create = await api.call("POST", `/hosts/${hostId}/vmkernel-adapters`, DEFAULT_STACK_ADAPTER, {
      "Idempotency-Key": crypto.randomUUID(),
    });
    expect(create.status()).toBe(403);
    expect(await create.text()).toContain("Host.Config.Network");
    const edit = await api.call("PATCH", `/hosts/${hostId}/netstacks/defaultTcpipStack`, { defaultGateway: "10.10.0.254" });
    expect(edit.status()).toBe(403);
    expect(await edit.text()).toContain("Host.Config.Network");
  } finally {
    await api.dispose();
  }
}

/** axe-core on the page as it is: the serious and critical violations, in a readable form. */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => {
      const nodes = v.nodes.map((n) => `${n.target.join(" ")} (${(n.failureSummary ?? "").replace(/\s+/g, " ").trim()})`);
      return `${v.impact} ${v.id}: ${v.help} — ${nodes.join("; ")}`;
    });
}

export async function signIn(page: Page, user: UserName): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("User name").fill(USERS[user].username);
  await page.getByLabel("Password").fill(USERS[user].password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hosts" })).toBeVisible();
}

/** The host's Configure → Networking → VMkernel adapters view. */
export async function openVmkernelAdapters(page: Page, hostId: string): Promise<void> {
  await page.goto(`/hosts/${encodeURIComponent(hostId)}/networking/vmkernel-adapters`);
  await expect(page.getByRole("heading", { level: 2, name: "VMkernel adapters" })).toBeVisible();
}

/** Signed in as `user`, the host's Add Networking wizard past its first page (a VMkernel adapter): at Select target device. */
export async function startAddNetworking(page: Page, user: UserName, hostId: string): Promise<Locator> {
  await signIn(page, user);
  await openVmkernelAdapters(page, hostId);
  await page.getByRole("button", { name: "Add Networking" }).click();
  const wizard = await expectWizardPage(page, "Select connection type");
  await wizard.getByRole("button", { name: "Next" }).click();
  return expectWizardPage(page, "Select target device");
}

/** From Select target device: an existing standard switch chosen through Browse, then Next; the Port properties page. */
export async function onExistingSwitch(page: Page, wizard: Locator, vswitch = "vSwitch0"): Promise<Locator> {
  await wizard.getByRole("radio", { name: "Select an existing standard switch" }).check();
  await wizard.getByRole("button", { name: "Browse standard switches" }).click();
  const browse = page.getByRole("dialog", { name: "Select Switch" });
  await browse.getByRole("radio", { name: vswitch }).check();
  await browse.getByRole("button", { name: "OK" }).click();
  await wizard.getByRole("button", { name: "Next" }).click();
  return expectWizardPage(page, "Port properties");
}

/**
 * Signed in as the administrator with the UI in Japanese, esx-01's Add Networking wizard open at its first page, for a
 * connection type chosen by its Japanese name and checked for English words on the way (support/english.ts).
 */
export async function startJapaneseWizard(
  page: Page,
  admin: Api,
  connectionType: string,
  names: string[],
): Promise<{ wizard: Locator; data: UiData }> {
  const hostId = await admin.hostId("esx-01");
  const { user } = await admin.get<SessionInfo>("/session");
  const data = new UiData().addNetworking(await admin.networking(hostId)).add(user.name, user.login, ...names);
  await signIn(page, "administrator");
  await page.getByLabel("Language").selectOption("ja");
  await expect(page.getByRole("heading", { level: 1, name: "ホスト" })).toBeVisible();
  await page.getByRole("link", { name: "esx-01.lab.local" }).click();
  await page.getByRole("button", { name: "ネットワークの追加" }).click();
  const wizard = await expectWizardPage(page, "接続タイプの選択");
  await wizard.getByRole("radio", { name: connectionType }).check();
  await data.expectNoEnglish(wizard, "接続タイプの選択");
  await wizard.getByRole("button", { name: "次へ" }).click();
  return { wizard: await expectWizardPage(page, "ターゲット デバイスの選択"), data };
}

/** The Add Networking wizard's dialog. */
export function wizardDialog(page: Page): Locator {
  return page.getByRole("dialog", { name: /Add Networking$|ネットワークの追加$/ });
}

/** Waits for the wizard to show the page with this title (its heading). */
export async function expectWizardPage(page: Page, title: string): Promise<Locator> {
  const dialog = wizardDialog(page);
  await expect(dialog.getByRole("heading", { level: 3, name: title, exact: true })).toBeVisible();
  return dialog;
}

interface Fixtures {
  sim: Simulator;
  /** The administrator's API client, to read a host's state as it really is. */
  admin: Api;
  shots: (flow: string) => Screenshots;
}

export const test = base.extend<Fixtures>({
  sim: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring pattern
    async ({}, use) => {
      const sim = new Simulator();
      await sim.reset();
      await use(sim);
    },
    { auto: true },
  ],
  admin: async ({ sim: _sim }, use) => {
    const api = await Api.signIn("administrator");
    await use(api);
    await api.dispose();
  },
  shots: async ({ page }, use) => {
    await use((flow) => new Screenshots(page, flow));
  },
});
