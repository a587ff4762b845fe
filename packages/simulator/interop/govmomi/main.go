// Command govmomi-interop drives the addnet vCenter simulator with VMware's own Go client, govmomi 0.24.2
// (Debian's golang-github-vmware-govmomi-dev), and fails on anything govmomi cannot decode or that differs
// from what the simulator should have done.
//
// Build in GOPATH mode:
//
//	GO111MODULE=off GOPATH=$(mktemp -d):/usr/share/gocode go build -o govmomi-interop .
//
// Run: govmomi-interop -url http://127.0.0.1:8989/sdk (or SIM_SDK_URL=...). Exit code 0 means every check
// passed; on a mismatch it prints "FAIL: <step>: <what>" and exits 1.
package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/property"
	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/view"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

const (
	adminUser    = "administrator@vsphere.local"
	adminPass    = "VMware1!"
	helpdeskUser = "helpdesk@vsphere.local"
	helpdeskPass = "Helpdesk1!"

	targetHost   = "esx-01.lab.local"
	prodHost     = "esx-02.lab.local" // Cluster-Prod: helpdesk is read-only there
	devHost      = "esx-05.lab.local" // Cluster-Dev: helpdesk has "Network Help Desk"
	newSwitch    = "vSwitch1"
	newPortGroup = "vMotion-PG"
	vmotionIP    = "192.168.30.11"
	vmotionMask  = "255.255.255.0"
	helpdeskPG   = "Helpdesk-PG"
	privilege    = "Host.Config.Network"
)

var step = "setup"

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "FAIL: %s: %s\n", step, fmt.Sprintf(format, args...))
	os.Exit(1)
}

func must(err error, what string) {
	if err != nil {
		fail("%s: %s", what, describe(err))
	}
}

func ok(format string, args ...interface{}) {
	fmt.Printf("ok   %s: %s\n", step, fmt.Sprintf(format, args...))
}

// describe renders an error with the vim25 fault type when there is one.
func describe(err error) string {
	if soap.IsSoapFault(err) {
		f := soap.ToSoapFault(err)
		return fmt.Sprintf("SOAP fault %s %T %+v (%q)", f.Code, f.VimFault(), f.VimFault(), f.String)
	}
	if soap.IsVimFault(err) {
		return fmt.Sprintf("vim fault %T %+v", soap.ToVimFault(err), soap.ToVimFault(err))
	}
	return err.Error()
}

// vimFault is the decoded fault detail of a SOAP fault error, or fails the step.
func vimFault(err error, what string) types.AnyType {
	if err == nil {
		fail("%s succeeded; a fault was expected", what)
	}
	if !soap.IsSoapFault(err) {
		fail("%s: expected a SOAP fault, got %s", what, describe(err))
	}
	detail := soap.ToSoapFault(err).VimFault()
	if detail == nil {
		fail("%s: the SOAP fault has no detail govmomi could decode: %s", what, describe(err))
	}
	return detail
}

// newClient connects a fresh govmomi client (own cookie jar) and records raw responses.
func newClient(ctx context.Context, u *url.URL) (*vim25.Client, *recorder) {
	sc := soap.NewClient(u, true)
	rec := &recorder{next: sc.Client.Transport}
	sc.Client.Transport = rec
	c, err := vim25.NewClient(ctx, sc)
	must(err, "vim25.NewClient (RetrieveServiceContent)")
	return c, rec
}

func main() {
	sdk := flag.String("url", os.Getenv("SIM_SDK_URL"), "simulator SDK URL, e.g. http://127.0.0.1:8989/sdk (or $SIM_SDK_URL)")
	timeout := flag.Duration("timeout", 2*time.Minute, "overall time limit")
	flag.Parse()
	if *sdk == "" {
		fmt.Fprintln(os.Stderr, "usage: govmomi-interop -url http://host:port/sdk")
		os.Exit(2)
	}
	u, err := soap.ParseURL(*sdk)
	if err != nil || u == nil {
		fmt.Fprintf(os.Stderr, "bad -url %q: %v\n", *sdk, err)
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()

	// --- a. login ------------------------------------------------------------------------------------
	step = "a.login"
	c, rec := newClient(ctx, u)
	checkNothingLost("RetrieveServiceContent", rec.body(), "RetrieveServiceContentResponse",
		&types.RetrieveServiceContentResponse{Returnval: c.ServiceContent})
	if c.ServiceContent.About.ApiType != "VirtualCenter" {
		fail("about.apiType = %q, want VirtualCenter", c.ServiceContent.About.ApiType)
	}
	// Speak the version the server publishes at /sdk/vimServiceVersions.xml (the helpdesk client keeps
	// govmomi's default, 7.0).
	must(c.UseServiceVersion(), "UseServiceVersion (/sdk/vimServiceVersions.xml)")
	if c.Version != c.ServiceContent.About.ApiVersion || c.Namespace != "urn:vim25" {
		fail("vimServiceVersions.xml gives %s/%s, want urn:vim25/%s", c.Namespace, c.Version, c.ServiceContent.About.ApiVersion)
	}
	ok("service content: %s (API %s), SOAPAction %s/%s", c.ServiceContent.About.FullName, c.ServiceContent.About.ApiVersion,
		c.Namespace, c.Version)
	sm := session.NewManager(c)
	err = sm.Login(ctx, url.UserPassword(adminUser, "wrong-password"))
	if _, isInvalidLogin := vimFault(err, "Login with a bad password").(types.InvalidLogin); !isInvalidLogin {
		fail("Login with a bad password: fault %T, want types.InvalidLogin", soap.ToSoapFault(err).VimFault())
	}
	ok("bad password gives InvalidLogin")
	login, err := methods.Login(ctx, c, &types.Login{This: *c.ServiceContent.SessionManager, UserName: adminUser, Password: adminPass})
	must(err, "Login "+adminUser)
	checkNothingLost("Login", rec.body(), "LoginResponse", login)
	us, err := sm.UserSession(ctx)
	must(err, "UserSession")
	if us == nil || !strings.EqualFold(us.UserName, `VSPHERE.LOCAL\Administrator`) {
		fail("currentSession = %+v, want user VSPHERE.LOCAL\\Administrator", us)
	}
	ok("logged in as %s (session %s)", us.UserName, us.Key)

	// --- b. page through the hosts -------------------------------------------------------------------
	step = "b.paging"
	hosts, pages := pageHosts(ctx, c, rec)
	if pages < 2 {
		fail("RetrievePropertiesEx with maxObjects=2 returned everything in %d page(s); expected paging", pages)
	}
	var names []string
	byName := map[string]types.ManagedObjectReference{}
	for _, h := range hosts {
		names = append(names, h.Name)
		byName[h.Name] = h.Reference()
	}
	var want []string
	for i := 1; i <= 9; i++ {
		want = append(want, fmt.Sprintf("esx-%02d.lab.local", i))
	}
	if !reflect.DeepEqual(names, want) {
		fail("host names = %v, want %v", names, want)
	}
	ok("%d hosts in %d pages: %s .. %s", len(hosts), pages, names[0], names[len(names)-1])

	step = "b.decode-all"
	decodeEverything(ctx, c, rec)

	// --- c. configure esx-01 -------------------------------------------------------------------------
	step = "c.configure"
	host := object.NewHostSystem(c, byName[targetHost])
	ns, err := host.ConfigManager().NetworkSystem(ctx)
	must(err, "configManager.networkSystem")
	vnm, err := host.ConfigManager().VirtualNicManager(ctx)
	must(err, "configManager.virtualNicManager")
	ok("%s: %s, %s", targetHost, ns.Reference(), vnm.Reference())

	must(ns.AddVirtualSwitch(ctx, newSwitch, &types.HostVirtualSwitchSpec{
		NumPorts: 128,
		Bridge:   &types.HostVirtualSwitchBondBridge{NicDevice: []string{"vmnic2"}},
		Mtu:      9000,
	}), "AddVirtualSwitch "+newSwitch)
	ok("AddVirtualSwitch %s (vmnic2, MTU 9000)", newSwitch)
	must(ns.AddPortGroup(ctx, types.HostPortGroupSpec{Name: newPortGroup, VlanId: 30, VswitchName: newSwitch}), "AddPortGroup "+newPortGroup)
	ok("AddPortGroup %s VLAN 30", newPortGroup)
	device, err := ns.AddVirtualNic(ctx, newPortGroup, types.HostVirtualNicSpec{
		Ip:                  &types.HostIpConfig{Dhcp: false, IpAddress: vmotionIP, SubnetMask: vmotionMask},
		Mtu:                 9000,
		NetStackInstanceKey: "vmotion",
	})
	must(err, "AddVirtualNic")
	if device != "vmk1" {
		fail("AddVirtualNic returned %q, want vmk1", device)
	}
	ok("AddVirtualNic on %s -> %s", newPortGroup, device)
	must(vnm.SelectVnic(ctx, "faultToleranceLogging", "vmk0"), "SelectVnicForNicType faultToleranceLogging vmk0")
	ok("SelectVnicForNicType faultToleranceLogging vmk0")

	// --- d. read back --------------------------------------------------------------------------------
	step = "d.readback"
	readBack(ctx, c, rec, host, ns, vnm)

	// --- d2. a switch's adapters changed, an adapter removed -------------------------------------------
	step = "d2.update-remove"
	updateAndRemove(ctx, c, rec, host, ns)

	// --- e. roles ------------------------------------------------------------------------------------
	step = "e.roles"
	checkHelpdesk(ctx, u, byName)

	// --- f. logout -----------------------------------------------------------------------------------
	step = "f.logout"
	must(sm.Logout(ctx), "Logout")
	var after mo.HostSystem
	err = property.DefaultCollector(c).RetrieveOne(ctx, host.Reference(), []string{"name"}, &after)
	if _, isNotAuth := vimFault(err, "RetrieveProperties after Logout").(types.NotAuthenticated); !isNotAuth {
		fail("after Logout: fault %T, want types.NotAuthenticated", soap.ToSoapFault(err).VimFault())
	}
	ok("a call after Logout gives NotAuthenticated")
	_, err = methods.RetrievePropertiesEx(ctx, c, &types.RetrievePropertiesEx{
		This: c.ServiceContent.PropertyCollector,
		SpecSet: []types.PropertyFilterSpec{{
			PropSet:   []types.PropertySpec{{Type: "HostSystem", PathSet: []string{"name"}}},
			ObjectSet: []types.ObjectSpec{{Obj: host.Reference()}},
		}},
	})
	if _, isNotAuth := vimFault(err, "RetrievePropertiesEx after Logout").(types.NotAuthenticated); !isNotAuth {
		fail("RetrievePropertiesEx after Logout: fault %T, want types.NotAuthenticated", soap.ToSoapFault(err).VimFault())
	}
	ok("RetrievePropertiesEx after Logout gives NotAuthenticated")

	fmt.Println("PASS: govmomi interop")
}

// pageHosts reads every HostSystem's name through a ContainerView on the root folder, two objects a page.
func pageHosts(ctx context.Context, c *vim25.Client, rec *recorder) ([]mo.HostSystem, int) {
	v, err := view.NewManager(c).CreateContainerView(ctx, c.ServiceContent.RootFolder, []string{"HostSystem"}, true)
	must(err, "CreateContainerView")
	defer func() { _ = v.Destroy(ctx) }()

	req := types.RetrievePropertiesEx{
		This: c.ServiceContent.PropertyCollector,
		SpecSet: []types.PropertyFilterSpec{{
			ObjectSet: []types.ObjectSpec{{
				Obj:  v.Reference(),
				Skip: types.NewBool(true),
				SelectSet: []types.BaseSelectionSpec{
					&types.TraversalSpec{Type: "ContainerView", Path: "view", Skip: types.NewBool(false)},
				},
			}},
			PropSet: []types.PropertySpec{{Type: "HostSystem", PathSet: []string{"name"}}},
		}},
		Options: types.RetrieveOptions{MaxObjects: 2},
	}
	res, err := methods.RetrievePropertiesEx(ctx, c, &req)
	must(err, "RetrievePropertiesEx maxObjects=2")
	if res.Returnval == nil {
		fail("RetrievePropertiesEx returned no result")
	}
	checkNothingLost("RetrievePropertiesEx page 1", rec.body(), "RetrievePropertiesExResponse", res)
	var content []types.ObjectContent
	pages := 0
	for r := res.Returnval; r != nil; {
		pages++
		if len(r.Objects) > 2 {
			fail("page %d has %d objects, more than maxObjects=2", pages, len(r.Objects))
		}
		content = append(content, r.Objects...)
		if r.Token == "" {
			break
		}
		if pages > 20 {
			fail("more than 20 pages for 9 hosts: the token never ends")
		}
		next, err := methods.ContinueRetrievePropertiesEx(ctx, c, &types.ContinueRetrievePropertiesEx{
			This:  c.ServiceContent.PropertyCollector,
			Token: r.Token,
		})
		must(err, "ContinueRetrievePropertiesEx")
		checkNothingLost(fmt.Sprintf("ContinueRetrievePropertiesEx page %d", pages+1), rec.body(), "ContinueRetrievePropertiesExResponse", next)
		r = &next.Returnval
	}
	var hosts []mo.HostSystem
	must(mo.LoadObjectContent(content, &hosts), "mo.LoadObjectContent([]mo.HostSystem)")
	for _, h := range hosts {
		if h.Reference().Type != "HostSystem" || h.Reference().Value == "" {
			fail("bad object reference %+v", h.Reference())
		}
	}
	return hosts, pages
}

// retrieve reads properties with the legacy RetrieveProperties (as property.Collector.Retrieve does in
// govmomi 0.24.2), checks that govmomi lost nothing of the reply, and loads them into dst (a mo type).
func retrieve(ctx context.Context, c *vim25.Client, rec *recorder, obj types.ManagedObjectReference, ps []string, dst interface{}) {
	what := fmt.Sprintf("RetrieveProperties %s %v", obj, ps)
	var content []types.ObjectContent
	must(property.DefaultCollector(c).RetrieveOne(ctx, obj, ps, &content), what)
	checkNothingLost(what, rec.body(), "RetrievePropertiesResponse", &types.RetrievePropertiesResponse{Returnval: content})
	if len(content) != 1 {
		fail("%s: %d objects returned, want 1", what, len(content))
	}
	must(mo.LoadObjectContent(content, dst), what+": mo.LoadObjectContent")
}

// decodeEverything reads every property of every inventory object, and of every host's network system,
// VMkernel NIC manager and vSAN system, and checks that govmomi decodes all of it.
func decodeEverything(ctx context.Context, c *vim25.Client, rec *recorder) {
	v, err := view.NewManager(c).CreateContainerView(ctx, c.ServiceContent.RootFolder, nil, true)
	must(err, "CreateContainerView (all types)")
	defer func() { _ = v.Destroy(ctx) }()
	var cv mo.ContainerView
	retrieve(ctx, c, rec, v.Reference(), []string{"view"}, &cv)
	objs := append([]types.ManagedObjectReference{c.ServiceContent.RootFolder}, cv.View...)
	content := retrieveAll(ctx, c, rec, "every inventory object", objs)
	var managers []types.ManagedObjectReference
	kinds := map[string]int{}
	for _, oc := range content {
		obj, err := mo.ObjectContentToType(oc)
		must(err, fmt.Sprintf("mo.ObjectContentToType %s", oc.Obj))
		kinds[oc.Obj.Type]++
		if h, isHost := obj.(mo.HostSystem); isHost {
			cm := h.ConfigManager
			if cm.NetworkSystem == nil || cm.VirtualNicManager == nil || cm.VsanSystem == nil {
				fail("%s (%s): configManager = %+v", h.Name, h.Reference(), cm)
			}
			managers = append(managers, *cm.NetworkSystem, *cm.VirtualNicManager, *cm.VsanSystem)
		}
	}
	if kinds["HostSystem"] != 9 || kinds["Datacenter"] != 1 || kinds["ClusterComputeResource"] != 2 {
		fail("inventory object kinds = %v", kinds)
	}
	for _, oc := range retrieveAll(ctx, c, rec, "every host's network system, NIC manager and vSAN system", managers) {
		_, err := mo.ObjectContentToType(oc)
		must(err, fmt.Sprintf("mo.ObjectContentToType %s", oc.Obj))
	}
	ok("decoded every property of %d inventory objects %v and %d host managers", len(content), kinds, len(managers))
}

// retrieveAll reads every property of objs in one RetrieveProperties call and checks nothing was lost.
func retrieveAll(ctx context.Context, c *vim25.Client, rec *recorder, what string, objs []types.ManagedObjectReference) []types.ObjectContent {
	var content []types.ObjectContent
	must(property.DefaultCollector(c).Retrieve(ctx, objs, nil, &content), "RetrieveProperties of "+what)
	checkNothingLost("RetrieveProperties of "+what, rec.body(), "RetrievePropertiesResponse", &types.RetrievePropertiesResponse{Returnval: content})
	if len(content) != len(objs) {
		fail("RetrieveProperties of %s: %d objects returned, want %d", what, len(content), len(objs))
	}
	return content
}

func readBack(ctx context.Context, c *vim25.Client, rec *recorder, host *object.HostSystem, ns *object.HostNetworkSystem,
	vnm *object.HostVirtualNicManager) {
	// Every property of the host once, for decoding alone.
	var full mo.HostSystem
	retrieve(ctx, c, rec, host.Reference(), nil, &full)
	if full.Name != targetHost || full.Config == nil || full.Summary.Config.Name != targetHost {
		fail("all properties of %s: name %q, summary.config.name %q, config set: %v", targetHost, full.Name,
			full.Summary.Config.Name, full.Config != nil)
	}

	var hs mo.HostSystem
	retrieve(ctx, c, rec, host.Reference(), []string{"name", "config.network", "config.virtualNicManagerInfo", "runtime.networkRuntimeInfo"}, &hs)
	if hs.Name != targetHost {
		fail("name = %q, want %q", hs.Name, targetHost)
	}
	if hs.Config == nil || hs.Config.Network == nil {
		fail("config.network was not decoded")
	}
	if hs.Config.VirtualNicManagerInfo == nil {
		fail("config.virtualNicManagerInfo was not decoded")
	}
	if hs.Runtime.NetworkRuntimeInfo == nil {
		fail("runtime.networkRuntimeInfo was not decoded")
	}
	var nsMo mo.HostNetworkSystem
	retrieve(ctx, c, rec, ns.Reference(), []string{"networkInfo", "capabilities"}, &nsMo)
	if nsMo.NetworkInfo == nil {
		fail("HostNetworkSystem.networkInfo was not decoded")
	}
	var vnmMo mo.HostVirtualNicManager
	retrieve(ctx, c, rec, vnm.Reference(), []string{"info"}, &vnmMo)
	info, err := vnm.Info(ctx)
	must(err, "HostVirtualNicManager.Info")
	if !reflect.DeepEqual(*info, vnmMo.Info) {
		fail("HostVirtualNicManager.Info() differs from the info property")
	}

	for label, net := range map[string]*types.HostNetworkInfo{"config.network": hs.Config.Network, "networkSystem.networkInfo": nsMo.NetworkInfo} {
		checkNetwork(label, net)
	}
	ok("vSwitch1 (MTU 9000, vmnic2), %s (VLAN 30), vmk1 (%s, MTU 9000, vmotion stack)", newPortGroup, vmotionIP)

	if !reflect.DeepEqual(hs.Config.Network.Vnic, nsMo.NetworkInfo.Vnic) {
		fail("config.network.vnic differs from HostNetworkSystem.networkInfo.vnic:\n%+v\n%+v", hs.Config.Network.Vnic, nsMo.NetworkInfo.Vnic)
	}
	if !reflect.DeepEqual(hs.Config.Network.Vswitch, nsMo.NetworkInfo.Vswitch) {
		fail("config.network.vswitch differs from HostNetworkSystem.networkInfo.vswitch:\n%+v\n%+v",
			hs.Config.Network.Vswitch, nsMo.NetworkInfo.Vswitch)
	}
	if !reflect.DeepEqual(hs.Config.Network.Portgroup, nsMo.NetworkInfo.Portgroup) {
		fail("config.network.portgroup differs from HostNetworkSystem.networkInfo.portgroup")
	}
	ok("config.network equals HostNetworkSystem.networkInfo (vnic, vswitch, portgroup)")

	// TCP/IP stacks at run time.
	var vmotionStack *types.HostRuntimeInfoNetStackInstanceRuntimeInfo
	for i, s := range hs.Runtime.NetworkRuntimeInfo.NetStackInstanceRuntimeInfo {
		if s.NetStackInstanceKey == "vmotion" {
			vmotionStack = &hs.Runtime.NetworkRuntimeInfo.NetStackInstanceRuntimeInfo[i]
		}
	}
	if vmotionStack == nil {
		fail("runtime.networkRuntimeInfo has no vmotion stack")
	}
	if vmotionStack.State != "active" {
		fail("vmotion stack state = %q, want active", vmotionStack.State)
	}
	if !contains(vmotionStack.VmknicKeys, "vmk1") {
		fail("vmotion stack vmknicKeys = %v, want vmk1 among them", vmotionStack.VmknicKeys)
	}
	ok("vmotion stack active with vmknicKeys %v", vmotionStack.VmknicKeys)

	// Services, from both config.virtualNicManagerInfo and HostVirtualNicManager.info.
	vmk0Key := ""
	for _, v := range hs.Config.Network.Vnic {
		if v.Device == "vmk0" {
			vmk0Key = v.Key
		}
	}
	if vmk0Key == "" {
		fail("vmk0 is missing from config.network.vnic")
	}
	for label, mgr := range map[string]*types.HostVirtualNicManagerInfo{
		"config.virtualNicManagerInfo": hs.Config.VirtualNicManagerInfo,
		"HostVirtualNicManager.info":   &vnmMo.Info,
	} {
		vmotion := netConfig(label, mgr, "vmotion")
		if !contains(vmotion.SelectedVnic, "vmotion.key-vim.host.VirtualNic-vmk1") {
			fail("%s: vmotion selectedVnic = %v, want vmotion.key-vim.host.VirtualNic-vmk1", label, vmotion.SelectedVnic)
		}
		ft := netConfig(label, mgr, "faultToleranceLogging")
		if !contains(ft.SelectedVnic, "faultToleranceLogging."+vmk0Key) {
			fail("%s: faultToleranceLogging selectedVnic = %v, want faultToleranceLogging.%s", label, ft.SelectedVnic, vmk0Key)
		}
		if len(ft.CandidateVnic) == 0 {
			fail("%s: faultToleranceLogging has no candidateVnic", label)
		}
	}
	ok("selectedVnic: vmotion has vmk1, faultToleranceLogging has %s", vmk0Key)
}

func checkNetwork(label string, net *types.HostNetworkInfo) {
	var vs *types.HostVirtualSwitch
	for i := range net.Vswitch {
		if net.Vswitch[i].Name == newSwitch {
			vs = &net.Vswitch[i]
		}
	}
	if vs == nil {
		fail("%s: no vswitch %s", label, newSwitch)
	}
	if vs.Mtu != 9000 {
		fail("%s: %s mtu = %d, want 9000", label, newSwitch, vs.Mtu)
	}
	if !reflect.DeepEqual(vs.Pnic, []string{"key-vim.host.PhysicalNic-vmnic2"}) {
		fail("%s: %s pnic = %v, want [key-vim.host.PhysicalNic-vmnic2]", label, newSwitch, vs.Pnic)
	}
	bridge, isBond := vs.Spec.Bridge.(*types.HostVirtualSwitchBondBridge)
	if !isBond {
		fail("%s: %s spec.bridge is %T, want *types.HostVirtualSwitchBondBridge", label, newSwitch, vs.Spec.Bridge)
	}
	if !reflect.DeepEqual(bridge.NicDevice, []string{"vmnic2"}) {
		fail("%s: %s spec.bridge.nicDevice = %v, want [vmnic2]", label, newSwitch, bridge.NicDevice)
	}
	if vs.Spec.Mtu != 9000 {
		fail("%s: %s spec.mtu = %d, want 9000", label, newSwitch, vs.Spec.Mtu)
	}

	var pg *types.HostPortGroup
	for i := range net.Portgroup {
		if net.Portgroup[i].Spec.Name == newPortGroup {
			pg = &net.Portgroup[i]
		}
	}
	if pg == nil {
		fail("%s: no port group %s", label, newPortGroup)
	}
	if pg.Spec.VlanId != 30 || pg.Spec.VswitchName != newSwitch {
		fail("%s: %s spec = vlan %d on %q, want vlan 30 on %s", label, newPortGroup, pg.Spec.VlanId, pg.Spec.VswitchName, newSwitch)
	}
	if !contains(vs.Portgroup, pg.Key) {
		fail("%s: %s portgroup = %v, want %s among them", label, newSwitch, vs.Portgroup, pg.Key)
	}

	var vmk1 *types.HostVirtualNic
	for i := range net.Vnic {
		if net.Vnic[i].Device == "vmk1" {
			vmk1 = &net.Vnic[i]
		}
	}
	if vmk1 == nil {
		fail("%s: no vnic vmk1", label)
	}
	if vmk1.Portgroup != newPortGroup {
		fail("%s: vmk1 portgroup = %q, want %s", label, vmk1.Portgroup, newPortGroup)
	}
	if vmk1.Key != "key-vim.host.VirtualNic-vmk1" {
		fail("%s: vmk1 key = %q", label, vmk1.Key)
	}
	ip := vmk1.Spec.Ip
	if ip == nil || ip.Dhcp || ip.IpAddress != vmotionIP || ip.SubnetMask != vmotionMask {
		fail("%s: vmk1 spec.ip = %+v, want static %s/%s", label, ip, vmotionIP, vmotionMask)
	}
	if vmk1.Spec.Mtu != 9000 {
		fail("%s: vmk1 spec.mtu = %d, want 9000", label, vmk1.Spec.Mtu)
	}
	if vmk1.Spec.NetStackInstanceKey != "vmotion" {
		fail("%s: vmk1 spec.netStackInstanceKey = %q, want vmotion", label, vmk1.Spec.NetStackInstanceKey)
	}
	if vmk1.Spec.Mac == "" {
		fail("%s: vmk1 has no MAC address", label)
	}
}

func netConfig(label string, info *types.HostVirtualNicManagerInfo, nicType string) types.VirtualNicManagerNetConfig {
	for _, nc := range info.NetConfig {
		if nc.NicType == nicType {
			return nc
		}
	}
	fail("%s: no netConfig for nicType %s", label, nicType)
	return types.VirtualNicManagerNetConfig{}
}

// checkHelpdesk: the help desk may change the network of Cluster-Dev hosts only.
func checkHelpdesk(ctx context.Context, u *url.URL, byName map[string]types.ManagedObjectReference) {
	c, rec := newClient(ctx, u)
	sm := session.NewManager(c)
	must(sm.Login(ctx, url.UserPassword(helpdeskUser, helpdeskPass)), "Login "+helpdeskUser)
	defer func() { _ = sm.Logout(ctx) }()
	ok("logged in as %s in a second client", helpdeskUser)

	spec := types.HostPortGroupSpec{Name: helpdeskPG, VlanId: 42, VswitchName: "vSwitch0"}

	prod := object.NewHostSystem(c, byName[prodHost])
	prodNs, err := prod.ConfigManager().NetworkSystem(ctx)
	must(err, prodHost+" configManager.networkSystem")
	err = prodNs.AddPortGroup(ctx, spec)
	detail := vimFault(err, "AddPortGroup on "+prodHost+" as helpdesk")
	np, isNoPermission := detail.(types.NoPermission)
	if !isNoPermission {
		fail("AddPortGroup on %s as helpdesk: fault %T, want types.NoPermission", prodHost, detail)
	}
	if np.PrivilegeId != privilege {
		fail("NoPermission.PrivilegeId = %q, want %s", np.PrivilegeId, privilege)
	}
	if np.Object != prod.Reference() {
		fail("NoPermission.Object = %v, want %v", np.Object, prod.Reference())
	}
	// govmomi 0.24.2 predates NoPermission.missingPrivileges (API 7.0.3.2): read it from the raw reply. Speaking
	// govmomi's default 7.0, the client gets none, as a vCenter leaves out what is newer than the client's version;
	// speaking the server's 8.0.3.0, it gets them.
	missing, err := rec.missingPrivileges()
	must(err, "parsing the raw NoPermission fault")
	if len(missing) != 0 {
		fail("NoPermission.missingPrivileges sent to a %s client: %+v", c.Version, missing)
	}
	must(c.UseServiceVersion(), "UseServiceVersion (/sdk/vimServiceVersions.xml)")
	_ = vimFault(prodNs.AddPortGroup(ctx, spec), "AddPortGroup on "+prodHost+" as helpdesk, at "+c.Version)
	missing, err = rec.missingPrivileges()
	must(err, "parsing the raw NoPermission fault")
	named := false
	for _, m := range missing {
		if m.Entity.Value == prod.Reference().Value && m.Entity.Type == "HostSystem" && contains(m.PrivilegeIds, privilege) {
			named = true
		}
	}
	if !named {
		fail("NoPermission.missingPrivileges = %+v, want %s on %s", missing, privilege, prod.Reference())
	}
	ok("AddPortGroup on %s: NoPermission %s on %s (missingPrivileges %+v)", prodHost, np.PrivilegeId, np.Object, missing)

	dev := object.NewHostSystem(c, byName[devHost])
	devNs, err := dev.ConfigManager().NetworkSystem(ctx)
	must(err, devHost+" configManager.networkSystem")
	must(devNs.AddPortGroup(ctx, spec), "AddPortGroup on "+devHost+" as helpdesk")
	var nsMo mo.HostNetworkSystem
	must(property.DefaultCollector(c).RetrieveOne(ctx, devNs.Reference(), []string{"networkInfo"}, &nsMo), "networkInfo of "+devHost)
	found := false
	for _, pg := range nsMo.NetworkInfo.Portgroup {
		if pg.Spec.Name == helpdeskPG && pg.Spec.VlanId == 42 && pg.Spec.VswitchName == "vSwitch0" {
			found = true
		}
	}
	if !found {
		fail("%s: port group %s is missing after AddPortGroup", devHost, helpdeskPG)
	}
	ok("AddPortGroup %s on %s as helpdesk succeeded", helpdeskPG, devHost)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// migrate: UpdateVirtualNic moves the adapter onto a distributed port group of the switch the host is on (its address
// kept), then back onto its standard port group; the host is read back after each.
func migrate(ctx context.Context, c *vim25.Client, rec *recorder, host *object.HostSystem, ns *object.HostNetworkSystem,
	device string, network func() *types.HostNetworkInfo) {
	var h mo.HostSystem
	retrieve(ctx, c, rec, host.Reference(), []string{"network", "config.network.proxySwitch"}, &h)
	if len(h.Config.Network.ProxySwitch) == 0 {
		fail("the host is on no distributed switch")
	}
	var key string
	for _, ref := range h.Network {
		if ref.Type != "DistributedVirtualPortgroup" {
			continue
		}
		var pg mo.DistributedVirtualPortgroup
		retrieve(ctx, c, rec, ref, []string{"name", "key"}, &pg)
		if pg.Name == "DPG-Storage" {
			key = pg.Key
		}
	}
	if key == "" {
		fail("the host's networks hold no DPG-Storage")
	}
	vnic := func() types.HostVirtualNic {
		for _, v := range network().Vnic {
			if v.Device == device {
				return v
			}
		}
		fail("%s is gone", device)
		return types.HostVirtualNic{}
	}
	port := &types.DistributedVirtualSwitchPortConnection{SwitchUuid: h.Config.Network.ProxySwitch[0].DvsUuid, PortgroupKey: key}
	must(ns.UpdateVirtualNic(ctx, device, types.HostVirtualNicSpec{DistributedVirtualPort: port}), "UpdateVirtualNic onto DPG-Storage")
	if v := vnic(); v.Portgroup != "" || v.Spec.DistributedVirtualPort == nil || v.Spec.DistributedVirtualPort.PortgroupKey != key {
		fail("%s after UpdateVirtualNic onto %s: portgroup %q, distributedVirtualPort %+v", device, key, v.Portgroup, v.Spec.DistributedVirtualPort)
	}
	must(ns.UpdateVirtualNic(ctx, device, types.HostVirtualNicSpec{Portgroup: "Remove-PG"}), "UpdateVirtualNic back onto Remove-PG")
	if v := vnic(); v.Portgroup != "Remove-PG" || v.Spec.DistributedVirtualPort != nil {
		fail("%s after UpdateVirtualNic back: portgroup %q, distributedVirtualPort %+v", device, v.Portgroup, v.Spec.DistributedVirtualPort)
	}
	ok("UpdateVirtualNic migrates %s onto DPG-Storage and back onto Remove-PG", device)
}

// updateAndRemove: UpdateVirtualSwitch adds vmnic3 to vSwitch0 as standby and takes it away again, refused for the
// distributed switch's vmnic1 (ResourceInUse); RemoveVirtualNic removes an adapter made for it, refused once it is gone
// (NotFound). The host is read back after each.
func updateAndRemove(ctx context.Context, c *vim25.Client, rec *recorder, host *object.HostSystem, ns *object.HostNetworkSystem) {
	spec := func(nics []string, standby []string) types.HostVirtualSwitchSpec {
		active := []string{"vmnic0"}
		return types.HostVirtualSwitchSpec{
			NumPorts: 128,
			Bridge:   &types.HostVirtualSwitchBondBridge{NicDevice: nics},
			Policy:   &types.HostNetworkPolicy{NicTeaming: &types.HostNicTeamingPolicy{NicOrder: &types.HostNicOrderPolicy{ActiveNic: active, StandbyNic: standby}}},
			Mtu:      1500,
		}
	}
	network := func() *types.HostNetworkInfo {
		var h mo.HostSystem
		retrieve(ctx, c, rec, host.Reference(), []string{"config.network"}, &h)
		return h.Config.Network
	}
	vswitch0 := func() types.HostVirtualSwitch {
		for _, v := range network().Vswitch {
			if v.Name == "vSwitch0" {
				return v
			}
		}
		fail("vSwitch0 is gone")
		return types.HostVirtualSwitch{}
	}

	must(ns.UpdateVirtualSwitch(ctx, "vSwitch0", spec([]string{"vmnic0", "vmnic3"}, []string{"vmnic3"})), "UpdateVirtualSwitch vSwitch0 +vmnic3")
	v := vswitch0()
	if !reflect.DeepEqual(v.Pnic, []string{"key-vim.host.PhysicalNic-vmnic0", "key-vim.host.PhysicalNic-vmnic3"}) {
		fail("vSwitch0 pnic = %v after adding vmnic3", v.Pnic)
	}
	if order := v.Spec.Policy.NicTeaming.NicOrder; !reflect.DeepEqual(order.StandbyNic, []string{"vmnic3"}) {
		fail("vSwitch0 standby = %v, want [vmnic3]", order.StandbyNic)
	}
	ok("UpdateVirtualSwitch vSwitch0: vmnic0 active, vmnic3 standby")
	err := ns.UpdateVirtualSwitch(ctx, "vSwitch0", spec([]string{"vmnic0", "vmnic1"}, []string{"vmnic1"}))
	if _, inUse := vimFault(err, "UpdateVirtualSwitch with the distributed switch's vmnic1").(types.ResourceInUse); !inUse {
		fail("UpdateVirtualSwitch with vmnic1: fault %T, want types.ResourceInUse", soap.ToSoapFault(err).VimFault())
	}
	ok("UpdateVirtualSwitch with the distributed switch's vmnic1 gives ResourceInUse")
	must(ns.UpdateVirtualSwitch(ctx, "vSwitch0", spec([]string{"vmnic0"}, nil)), "UpdateVirtualSwitch vSwitch0 as it was")
	if v := vswitch0(); !reflect.DeepEqual(v.Pnic, []string{"key-vim.host.PhysicalNic-vmnic0"}) {
		fail("vSwitch0 pnic = %v after taking vmnic3 away", v.Pnic)
	}
	ok("UpdateVirtualSwitch vSwitch0 back to vmnic0 alone")

	must(ns.AddPortGroup(ctx, types.HostPortGroupSpec{Name: "Remove-PG", VlanId: 31, VswitchName: newSwitch}), "AddPortGroup Remove-PG")
	device, err := ns.AddVirtualNic(ctx, "Remove-PG", types.HostVirtualNicSpec{Ip: &types.HostIpConfig{Dhcp: true}})
	must(err, "AddVirtualNic on Remove-PG")
	migrate(ctx, c, rec, host, ns, device, network)
	must(ns.RemoveVirtualNic(ctx, device), "RemoveVirtualNic "+device)
	for _, vnic := range network().Vnic {
		if vnic.Device == device {
			fail("%s is still listed after RemoveVirtualNic", device)
		}
	}
	err = ns.RemoveVirtualNic(ctx, device)
	if _, notFound := vimFault(err, "RemoveVirtualNic of a removed adapter").(types.NotFound); !notFound {
		fail("RemoveVirtualNic %s again: fault %T, want types.NotFound", device, soap.ToSoapFault(err).VimFault())
	}
	must(ns.RemovePortGroup(ctx, "Remove-PG"), "RemovePortGroup Remove-PG")
	ok("RemoveVirtualNic %s; again gives NotFound", device)
}
