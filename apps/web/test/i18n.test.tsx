import {
  CONGESTION_CONTROL,
  auditEntrySchema,
  DEFAULT_STACK,
  NIC_TYPES,
  STACK_SERVICE,
  portPropertiesSchema,
  stepSchema,
  validationMessages,
} from "@addnet/contracts";
import { screen } from "@testing-library/react";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

import en from "../src/locales/en.json";
import ja from "../src/locales/ja.json";
import { LANGUAGES, detectLanguage, resources } from "../src/lib/i18n.ts";
import { problem } from "./fixtures.ts";
import { MockApi, problemResponse } from "./mock-api.ts";
import { renderApp } from "./render.tsx";

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : flatten(v, `${prefix}${k}.`)));
}

const SRC = join(import.meta.dirname, "../src");
function sources(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

/** A plural key's suffix (i18next's `_one`, `_other`…: the CLDR plural categories). */
const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * The keys a catalogue must have, a plural key once per plural form of the language (what i18next looks up for a
 * count): English has `_one` and `_other`, Japanese only `_other`.
 */
function expectedKeys(keys: string[], language: string): string[] {
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const bases = new Set(keys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
  return [...keys.filter((k) => !PLURAL.test(k)), ...[...bases].flatMap((b) => forms.map((f) => `${b}_${f}`))].sort();
}

describe("the catalogues", () => {
  const enKeys = flatten(resources.en.translation as Tree).sort();
  const jaKeys = flatten(resources.ja.translation as Tree).sort();

  it("English and Japanese have the same keys, each plural key in every plural form of the language", () => {
    expect(enKeys).toEqual(expectedKeys(enKeys, "en"));
    expect(jaKeys).toEqual(expectedKeys(enKeys, "ja"));
    expect(Object.keys(resources.ja.validation).sort()).toEqual(Object.keys(resources.en.validation).sort());
  });

  it("the English validation text is @addnet/contracts' own, and Japanese translates every code", () => {
    for (const [code, text] of Object.entries(validationMessages)) {
      expect((resources.en.validation as Record<string, string>)[code]).toBe(text);
      expect((ja.validation as Record<string, string>)[code], code).toBeTruthy();
    }
    // en.json adds only the web app's own codes; it does not restate the contracts' words.
    for (const code of Object.keys(en.validation)) expect(code in validationMessages, code).toBe(false);
  });

  it("no Japanese text is left in English", () => {
    const same = jaKeys.filter((k) => {
      const get = (t: Tree) => k.split(".").reduce<Tree | string>((n, p) => (n as Tree)[p]!, t);
      const e = get(resources.en.translation as Tree) as string;
      return e === get(resources.ja.translation as Tree) && /[a-z]{4,} [a-z]{3,}/i.test(e) && !/^(vSphere|NVMe|Fault|Distributed)/.test(e);
    });
    expect(same).toEqual([]);
  });

  it("no Japanese text holds an English word but product, protocol and vim25 names (every code the API sends included)", () => {
    // The names the vSphere Client's Japanese UI and the Japanese vSphere 8 page keep as they are.
    const names =
      /\b(vSphere|vCenter|Server|Client|ESXi|vMotion|vSAN|Fault Tolerance|Replication|Backup|NVMe over|TCP\/IP|TCP|RDMA|IPv4|IPv6|DHCPv6|DHCP|DNS|MTU|VLAN|VMkernel|HostVsanSystem|Idempotency-Key|vim25|MAC|NFC|NIC|PTP|iSCSI|NFS|FCoE|RFC|netstack|Distributed Switch|addnet|English|OK|Mbit|vmnicN|vmk\d+|example\.com|db8|HTTP|IP|ID|New Reno|CUBIC|API|JSON)\b/g;
    const english = (tree: Tree, prefix: string): string[] =>
      Object.entries(tree).flatMap(([k, v]) =>
        typeof v === "string"
          ? /[A-Za-z]{2,}/.test(v.replace(/\{\{\w+\}\}/g, "").replace(names, ""))
            ? [`${prefix}${k}: ${v}`]
            : []
          : english(v, `${prefix}${k}.`),
      );
    expect([...english(ja.translation as Tree, ""), ...english(ja.validation as Tree, "validation.")]).toEqual([]);
    // Every code the API can answer with (steps, outcomes, vCenter's faults, host rules) has its Japanese words.
    for (const code of Object.keys(validationMessages)) expect((ja.validation as Record<string, string>)[code], code).toBeTruthy();
  });

  it("every key the code uses exists", () => {
    const used = new Set<string>();
    for (const file of sources()) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bt\(\s*"([^"]+)"/g)) used.add(m[1]!);
      for (const m of text.matchAll(
        /"((?:wizard|hostNetworking|tcpip|inventory|auth|common|stacks|services|errors|nav|app|privileges|hostState)\.[A-Za-z0-9.-]+)"/g,
      ))
        used.add(m[1]!);
    }
    // Keys built from data: one per value the data can take.
    for (const nt of NIC_TYPES) used.add(`services.${nt}`);
    for (const k of [DEFAULT_STACK, ...Object.keys(STACK_SERVICE)]) used.add(`stacks.${k}`);
    for (const s of stepSchema.shape.status.options) used.add(`wizard.steps.${s}`);
    for (const c of CONGESTION_CONTROL) used.add(`tcpip.congestion.${c}`);
    for (const l of LANGUAGES) used.add(`app.languages.${l}`);
    for (const o of auditEntrySchema.shape.outcome.options) used.add(`audit.outcomes.${o}`);
    for (const ip of portPropertiesSchema.shape.ipSettings.options) used.add(`wizard.port.${ip}`);
    for (const s of Object.values(STACK_SERVICE)) {
      used.add(`wizard.port.stackMeaning.${s}`);
      used.add(`wizard.port.serviceOnOwnStack.${s}`);
      used.add(`wizard.result.stackTakesOver.${s}`);
    }
    const codes = resources.en.validation as Record<string, string>;
    // A plural key is used by its name without the suffix.
    const missing = [...used].filter((k) => !enKeys.includes(k) && !enKeys.includes(`${k}_other`) && !(k in codes));
    expect(missing).toEqual([]);
  });

  it("every validation code the web app adds has its words", () => {
    const codes = resources.en.validation as Record<string, string>;
    const added = new Set<string>();
    for (const file of sources()) for (const m of readFileSync(file, "utf8").matchAll(/message: "([A-Za-z0-9.]+)"/g)) added.add(m[1]!);
    expect(added.size).toBeGreaterThan(0);
    expect([...added].filter((c) => !(c in codes))).toEqual([]);
  });

  it("uses the vSphere Client's Japanese terms", () => {
    const j = resources.ja.translation;
    expect(j.wizard.pages).toMatchObject({
      connectionType: "接続タイプの選択",
      targetDevice: "ターゲット デバイスの選択",
      portProperties: "ポートのプロパティ",
      ipv4Settings: "IPv4 設定",
      ipv6Settings: "IPv6 設定",
      readyToComplete: "設定の確認",
    });
    expect(j.wizard.target).toMatchObject({
      existingNetwork: "既存のネットワークの選択",
      existingStandardSwitch: "既存の標準スイッチの選択",
      newStandardSwitch: "新しい vSphere 標準スイッチ",
    });
    expect(j.wizard.port.tcpipStack).toBe("TCP/IP スタック");
    expect(j.wizard.ipv4.overrideGateway).toBe("このアダプタのデフォルト ゲートウェイをオーバーライド");
    expect(j.wizard.connectionType.vmkernel).toBe("VMkernel ネットワーク アダプタ");
    expect(j.wizard.gatewayPerHost).toContain(
      "選択した netstack では、各ホストにデフォルト ゲートウェイが明示的に設定されている必要があります。",
    );
    expect(j.wizard).toMatchObject({ back: "戻る", next: "次へ", cancel: "キャンセル", finish: "終了" });
  });

  it("uses the vSphere Client's English words where the issue quotes them", () => {
    const e = resources.en.translation;
    expect(e.auth).toMatchObject({ userName: "User name", password: "Password", logIn: "Log in" });
    expect(e.wizard.target).toMatchObject({
      existingNetwork: "Select an existing network",
      existingStandardSwitch: "Select an existing standard switch",
      newStandardSwitch: "New standard switch",
    });
    expect(e.wizard.port).toMatchObject({
      networkLabel: "Network label",
      vlanId: "VLAN ID",
      ipSettings: "IP settings",
      mtu: "MTU",
      tcpipStack: "TCP/IP stack",
    });
    expect(e.wizard.ipv4).toMatchObject({
      dhcp: "Obtain IPv4 settings automatically",
      static: "Use static IPv4 settings",
      address: "IPv4 address",
      subnetMask: "Subnet mask",
      overrideGateway: "Override default gateway for this adapter",
      defaultGateway: "Default gateway",
    });
    expect(e.wizard.ipv6.addAddress).toBe("Add IPv6 address");
    expect(e.hostNetworking.views).toEqual({
      virtualSwitches: "Virtual switches",
      vmkernelAdapters: "VMkernel adapters",
      physicalAdapters: "Physical adapters",
      tcpipConfiguration: "TCP/IP configuration",
    });
    expect(e.tcpip.pages).toEqual({ name: "Name", dns: "DNS configuration", routing: "Routing", advanced: "Advanced" });
  });
});

describe("the language", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("follows the browser, unless the user chose one", () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["ja-JP", "en-US"]);
    expect(detectLanguage()).toBe("ja");
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["fr-FR", "en-GB"]);
    expect(detectLanguage()).toBe("en");
    localStorage.setItem("addnet-language", "ja");
    expect(detectLanguage()).toBe("ja");
    vi.restoreAllMocks();
  });

  it("switches the whole UI between English and Japanese", async () => {
    new MockApi().on("GET", "/api/v1/session", () => problemResponse(problem(401, "NOT_SIGNED_IN"))).install();
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["ja"]);
    const { user } = renderApp("/login", { language: detectLanguage() });
    expect(await screen.findByLabelText("ユーザー名")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "ログイン" })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("ja");
    await user.selectOptions(screen.getByRole("combobox", { name: "言語" }), "English");
    expect(await screen.findByLabelText("User name")).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("en");
    expect(localStorage.getItem("addnet-language")).toBe("en");
    vi.restoreAllMocks();
  });
});

describe("the Japanese catalogue's wording", () => {
  it("takes the vSphere Client's words, with no space between a Japanese page name and its particle", () => {
    // The vSphere Client's teaming page: アクティブ アダプタ, スタンバイ アダプタ, 未使用のアダプタ.
    expect(ja.translation.wizard.switch.activeAdapters).toBe("アクティブ アダプタ");
    expect(ja.translation.hostNetworking.switch.activeAdapters).toBe("アクティブ アダプタ");
    expect(ja.translation.wizard.switch.standbyAdapters).toBe("スタンバイ アダプタ");
    // "ポートのプロパティに移動", not "ポートのプロパティ に移動".
    expect(ja.translation.wizard.ready.goToPage.replace("{{page}}", "ポートのプロパティ")).toBe("ポートのプロパティに移動");
  });
});
