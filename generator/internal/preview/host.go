package preview

import (
	"net"
	"net/url"
	"strings"
)

// loopbackHosts are the only names the preview answers to. A page on
// another site can make a browser send requests here under its own name
// (DNS rebinding) and read the answers, build errors included; a request
// that names this machine by its loopback name cannot come that way.
var loopbackHosts = map[string]bool{"127.0.0.1": true, "localhost": true, "::1": true}

// hostAllowed reports whether the Host header names this server: a
// loopback name, with the port it listens on (any port when port is "",
// as when the handler is used without ListenAndServe).
func hostAllowed(hostHeader, port string) bool {
	host, p, err := net.SplitHostPort(hostHeader)
	if err != nil {
		return false // no port: not the address the preview prints
	}
	if !loopbackHosts[strings.ToLower(host)] {
		return false
	}
	return port == "" || p == port
}

// dirLocation is where /a/b is redirected when /a/b/ exists: a path on this
// server, built from the cleaned name and escaped, so it can never read as
// another host ("//evil.example/…" or "/\evil.example/…").
func dirLocation(name string) string {
	u := url.URL{Path: "/" + strings.TrimPrefix(name, "/") + "/"}
	loc := u.EscapedPath()
	for strings.HasPrefix(loc, "//") {
		loc = loc[1:]
	}
	return loc
}
