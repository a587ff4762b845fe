/**
 * Finds English words left in the Japanese UI. A part of the page is read as the user and a screen reader meet it:
 * its rendered text (screen-reader-only text included, hidden panels not), the choices of its drop-downs, and its
 * aria-label, title, placeholder and alt attributes. What is data is struck out by what it is, not by its words:
 *
 * - the names the user or vCenter gave: the host's inventory read from the API (switches, port groups, distributed
 *   switches and port groups, physical and VMkernel adapters, a custom stack's name, DNS names), the names the test
 *   typed, the signed-in user's name;
 * - names ESXi gives: host names (esx-01.lab.local), vmkN, vmnicN, vSwitchN; IPv6 and MAC addresses;
 * - the vim25 method and managed object shown in the step list (<code class="step-method">, .step-object), and the
 *   methods the test injected faults into, which the outcome names as the step list does;
 * - the product, protocol and vim25 names the Japanese vSphere Client keeps as they are: the list of
 *   apps/web/test/i18n.test.tsx's "no Japanese text holds an English word" test.
 *
 * Whatever ASCII word of two letters or more remains is a finding. Input values are not read: they are what the user
 * typed or what vCenter holds.
 */
import type { HostNetworking } from "@addnet/contracts";
import { expect, type Locator } from "@playwright/test";

/** apps/web/test/i18n.test.tsx's names, kept as they are by the vSphere Client's Japanese UI. */
const NAMES =
  /\b(vSphere|vCenter|Server|Client|ESXi|vMotion|vSAN|Fault Tolerance|Replication|Backup|NVMe over|TCP\/IP|TCP|RDMA|IPv4|IPv6|DHCPv6|DHCP|DNS|MTU|VLAN|VMkernel|HostVsanSystem|Idempotency-Key|vim25|MAC|NFC|NIC|PTP|iSCSI|NFS|FCoE|RFC|netstack|Distributed Switch|addnet|English|OK|Mbit|vmnicN|example\.com|db8|HTTP|IP|ID|New Reno|CUBIC|API)\b/g;

/** Names ESXi and vCenter give, recognised by their form. */
const DATA_PATTERNS: RegExp[] = [
  /\besx-\d+\.lab\.local\b/g, // host names
  /\bvmk\d+\b/g, // VMkernel adapters
  /\bvmnic\d+\b/g, // physical adapters
  /\bvSwitch\d+\b/g, // standard switches (the wizard's new one is named before it exists)
  // IPv6 addresses (with a prefix length) and MAC addresses: hex groups between two colons or more.
  /(?<![\w:])(?=[0-9a-f:]*:[0-9a-f]*:)[0-9a-f:]+(?:\/\d{1,3})?(?![\w:])/gi,
];

const WORD = /[A-Za-z]{2,}/g;

interface Chunk {
  text: string;
  where: string;
  /** A vim25 method or managed object of the step list. */
  data: boolean;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Blanks each match with as many dots, so that a finding's place in the original text is kept. */
function blank(text: string, re: RegExp): string {
  return text.replace(re, (m) => "·".repeat(m.length));
}

/** The data names that may show on a host's pages, and the checker itself. */
export class UiData {
  private readonly names = new Set<string>();

  /** The host's inventory as the API reads it from vCenter. */
  addNetworking(n: HostNetworking): this {
    this.add(n.host.name);
    for (const s of n.vswitches) this.add(s.name, ...s.uplinks, ...s.portgroups);
    for (const p of n.portgroups) this.add(p.name, p.vswitch);
    for (const p of n.distributedPortgroups) this.add(p.name, p.switchName);
    for (const p of n.physicalNics) this.add(p.device, p.mac, p.usedBy?.name ?? "");
    for (const a of n.vmkernelAdapters) this.add(a.device, a.networkLabel, a.switchName ?? "", a.portgroup ?? "", a.mac ?? "");
    for (const s of n.tcpipStacks) {
      // A system stack's name is the UI's to translate (デフォルト, vMotion, プロビジョニング): only a custom stack's is data.
      if (!["defaultTcpipStack", "vmotion", "vSphereProvisioning"].includes(s.key)) this.add(s.key, s.name);
      this.add(s.dns.hostName, s.dns.domainName, ...s.dns.searchDomains);
    }
    return this;
  }

  /** Names the user typed or vCenter gave. */
  add(...names: string[]): this {
    for (const n of names) if (n.trim()) this.names.add(n.trim());
    return this;
  }

  /** The text with every data name and kept product name blanked out. */
  strip(text: string, extra: Iterable<string> = []): string {
    let out = text;
    // Longest first, so that "DPG-vMotion" goes before a shorter name inside it.
    const names = [...new Set([...this.names, ...extra])].sort((a, b) => b.length - a.length);
    for (const n of names) out = blank(out, new RegExp(`(?<![A-Za-z0-9])${escape(n)}(?![A-Za-z0-9])`, "g"));
    for (const re of DATA_PATTERNS) out = blank(out, re);
    return blank(out, NAMES);
  }

  /** Each English word left in the part of the page, with where it is and the text around it. */
  async englishWords(scope: Locator): Promise<{ findings: string[]; chunks: number }> {
    await expect(scope).toBeVisible();
    const chunks = await scope.evaluate((root): Chunk[] => {
      const out: Chunk[] = [];
      const visible = (el: Element) => el.checkVisibility({ visibilityProperty: true });
      const describe = (el: Element): string => {
        const parts: string[] = [];
        for (let e: Element | null = el; e && e !== root.parentElement && parts.length < 3; e = e.parentElement) {
          const id = e.id && !/^:|«|^r\d/.test(e.id) ? `#${e.id}` : "";
          const cls = typeof e.className === "string" && e.className ? `.${e.className.trim().split(/\s+/).slice(0, 2).join(".")}` : "";
          const role = e.getAttribute("role") ? `[role=${e.getAttribute("role")}]` : "";
          parts.unshift(`${e.tagName.toLowerCase()}${id}${cls}${role}`);
        }
        return parts.join(" > ");
      };
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.replace(/\s+/g, " ").trim();
        const el = node.parentElement;
        // A textarea's text is its value (what the user typed, or code to copy): input values are not read.
        if (!text || !el || el.closest("script, style, noscript, template, textarea")) continue;
        // An option is shown when its drop-down (or the field of its datalist) is opened: it counts when that is shown.
        const list = el.closest("datalist");
        const field = el.closest("select") ?? (list ? root.querySelector(`[list="${CSS.escape(list.id)}"]`) : null);
        if (!visible(field ?? el)) continue;
        out.push({ text, where: describe(el), data: Boolean(el.closest("code.step-method, .step-object")) });
      }
      const attributes = [
        "aria-label",
        "aria-description",
        "aria-roledescription",
        "aria-valuetext",
        "aria-placeholder",
        "title",
        "placeholder",
        "alt",
      ];
      for (const el of [root, ...root.querySelectorAll("*")]) {
        if (!visible(el)) continue;
        for (const a of attributes) {
          const v = el.getAttribute(a)?.replace(/\s+/g, " ").trim();
          if (v) out.push({ text: v, where: `${describe(el)} @${a}`, data: false });
        }
      }
      // The step list's methods and objects on the page, also when the part read is the outcome beside the list.
      for (const el of document.querySelectorAll("code.step-method, .step-object")) {
        const text = el.textContent?.trim();
        if (text && !root.contains(el)) out.push({ text, where: "step list", data: true });
      }
      return out;
    });
    // The step list's methods and objects, wherever else the same names show (the outcome names the failed step's).
    const stepNames = chunks.filter((c) => c.data).map((c) => c.text);
    const findings: string[] = [];
    for (const c of chunks) {
      if (c.data) continue;
      const left = this.strip(c.text, stepNames);
      for (const m of left.matchAll(WORD)) {
        const at = m.index;
        const around = c.text.slice(Math.max(0, at - 40), at + m[0].length + 40);
        findings.push(`"${m[0]}" in ${c.where}: …${around}…`);
      }
    }
    return { findings, chunks: chunks.length };
  }

  /** No English word in the part of the page (a soft check: the walk goes on and every page's findings are reported). */
  async expectNoEnglish(scope: Locator, page: string): Promise<void> {
    const { findings, chunks } = await this.englishWords(scope);
    expect(chunks, `${page}: the check read some text`).toBeGreaterThan(0);
    expect.soft(findings, `English words on ${page}`).toEqual([]);
  }
}
