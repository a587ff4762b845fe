// Command vcsim runs VMware's own vCenter simulator (govmomi 0.24.2, Debian's
// golang-github-vmware-govmomi-dev) for the @addnet/vsphere interop test and pnpm bench: the default VPX inventory on a
// free loopback port, plain HTTP. It prints the SDK URL on stdout and runs until SIGINT/SIGTERM or until
// stdin closes (so it never outlives the test that started it).
//
// Build in GOPATH mode:
//
//	GO111MODULE=off GOPATH=$(mktemp -d):/usr/share/gocode go build -o vcsim .
package main

import (
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"syscall"

	"github.com/vmware/govmomi/simulator"
)

func main() {
	user := flag.String("user", "", "the only user name Login accepts (default: any non-empty)")
	password := flag.String("password", "", "that user's password")
	hosts := flag.Int("hosts", 0, "standalone hosts instead of the default inventory's (for pnpm bench)")
	flag.Parse()

	model := simulator.VPX()
	if *hosts > 0 {
		model.Host = *hosts
		model.ClusterHost = 0
		model.Machine = 0
	}
	if err := model.Create(); err != nil {
		fmt.Fprintln(os.Stderr, "vcsim:", err)
		os.Exit(1)
	}
	defer model.Remove()

	model.Service.Listen = &url.URL{Host: "127.0.0.1:0"}
	if *user != "" {
		model.Service.Listen.User = url.UserPassword(*user, *password)
	}
	model.Service.TLS = nil
	server := model.Service.NewServer()
	defer server.Close()

	sdk := *server.URL
	sdk.User = nil // the URL carries the login; the test passes it itself
	fmt.Println(sdk.String())

	done := make(chan os.Signal, 1)
	signal.Notify(done, os.Interrupt, syscall.SIGTERM)
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		done <- syscall.SIGTERM
	}()
	<-done
}
