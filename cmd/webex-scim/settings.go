package main

import (
	"flag"
	"fmt"
	"io"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/webex-scim/webex-scim/connector"
)

// settings are the connector's settings of design §2: each has an environment variable and a flag;
// flags win.
type settings struct {
	addr                   string
	scimToken              string
	scimClientID           string
	scimClientSecret       string
	name                   string
	clientID, clientSecret string
	targetURL              string
	allowInsecureWebex     bool // WEBEX_ALLOW_INSECURE_HTTP: plain http to a Webex that is not on loopback
	datetimeOffset         time.Duration
	refreshToken           string
	tokenFile              string
	lockDir                string // SCIM_LOCK_DIR: directory shared by replicas for update locks (connector/shared_locks.go)
	publicURL              string
	cursorKey              string
	logLevel               string
	groupKind              connector.GroupKind
	trustedProxies         []netip.Prefix // SCIM_TRUSTED_PROXIES
	fanout                 int            // WEBEX_FANOUT: concurrent Webex reads of one SCIM request (connector/fanout.go)
	// Inbound HTTP limits (server_limits.go).
	readTimeout, writeTimeout, idleTimeout, shutdownTimeout time.Duration
	metricsAddr                                             string // "": /metrics on addr; "off"; or an address of its own (metrics.go)
}

// parseSettings reads the environment, then the flags over it.
func parseSettings(args []string, getenv func(string) string, out io.Writer) (settings, error) {
	env := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	var s settings
	var offset, groupKind, trustedProxies string
	fanoutDefault := connector.DefaultFanout
	if v := getenv("WEBEX_FANOUT"); v != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 1 {
			return settings{}, fmt.Errorf("WEBEX_FANOUT %q: want a whole number of at least 1", v)
		}
		fanoutDefault = n
	}
	allowInsecure, err := strconv.ParseBool(env("WEBEX_ALLOW_INSECURE_HTTP", "false"))
	if err != nil {
		return settings{}, fmt.Errorf("WEBEX_ALLOW_INSECURE_HTTP %q: want true or false", getenv("WEBEX_ALLOW_INSECURE_HTTP"))
	}
	durations := []struct {
		dst        *time.Duration
		flag, env  string
		def, usage string
	}{
		{&s.readTimeout, "read-timeout", "SCIM_READ_TIMEOUT", defaultReadTimeout.String(), "longest time to read one request, headers and body (SCIM_READ_TIMEOUT)"},
		{&s.writeTimeout, "write-timeout", "SCIM_WRITE_TIMEOUT", defaultWriteTimeout.String(), "longest time from a request's headers to the end of its answer, large list pages included (SCIM_WRITE_TIMEOUT)"},
		{&s.idleTimeout, "idle-timeout", "SCIM_IDLE_TIMEOUT", defaultIdleTimeout.String(), "how long an idle keep-alive connection stays open (SCIM_IDLE_TIMEOUT)"},
		{&s.shutdownTimeout, "shutdown-timeout", "SCIM_SHUTDOWN_TIMEOUT", defaultShutdownTimeout.String(), "on SIGTERM, how long requests in flight may take to finish (SCIM_SHUTDOWN_TIMEOUT)"},
	}
	durationText := make([]string, len(durations))
	fs := flag.NewFlagSet("webex-scim", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&s.addr, "addr", env("SCIM_ADDR", "127.0.0.1:8080"), "listen address (SCIM_ADDR)")
	fs.StringVar(&s.scimToken, "scim-token", env("SCIM_BEARER_TOKEN", ""), "inbound SCIM bearer token (SCIM_BEARER_TOKEN); generated in embedded mode")
	fs.StringVar(&s.scimClientID, "scim-client-id", env("SCIM_CLIENT_ID", ""), "client id for POST /oauth/token (SCIM_CLIENT_ID)")
	fs.StringVar(&s.scimClientSecret, "scim-client-secret", env("SCIM_CLIENT_SECRET", ""), "client secret for POST /oauth/token (SCIM_CLIENT_SECRET)")
	fs.StringVar(&s.name, "name", env("WEBEX_CONNECTOR_NAME", "webex"), "connector name (WEBEX_CONNECTOR_NAME)")
	fs.StringVar(&s.clientID, "client-id", env("WEBEX_CLIENT_ID", ""), "Webex integration client id (WEBEX_CLIENT_ID); empty: embedded fake Webex")
	fs.StringVar(&s.clientSecret, "client-secret", env("WEBEX_CLIENT_SECRET", ""), "Webex integration client secret (WEBEX_CLIENT_SECRET)")
	fs.StringVar(&s.targetURL, "target-url", env("WEBEX_TARGET_URL", connector.DefaultWebexURL), "Webex API base URL (WEBEX_TARGET_URL)")
	fs.BoolVar(&s.allowInsecureWebex, "allow-insecure-http", allowInsecure, "allow a plain-http Webex target URL that is not loopback; test rigs only (WEBEX_ALLOW_INSECURE_HTTP)")
	fs.StringVar(&offset, "datetime-offset", env("WEBEX_DATETIME_OFFSET", "0"), "instance datetime offset, ±HH:MM or a Go duration (WEBEX_DATETIME_OFFSET)")
	fs.StringVar(&s.refreshToken, "refresh-token", env("WEBEX_REFRESH_TOKEN", ""), "Webex refresh token from a consent done elsewhere (WEBEX_REFRESH_TOKEN)")
	fs.StringVar(&s.tokenFile, "token-file", env("WEBEX_TOKEN_FILE", "webex-token.json"), "where consent results are kept, mode 0600 (WEBEX_TOKEN_FILE)")
	fs.StringVar(&s.lockDir, "lock-dir", env("SCIM_LOCK_DIR", ""), "directory shared by all replicas in which user and group writes take file locks, so that replicas' writes of one resource take turns (SCIM_LOCK_DIR); empty: per-process locks only; unix only")
	fs.StringVar(&s.publicURL, "public-url", env("PUBLIC_URL", ""), "external base URL for Location headers and the consent redirect (PUBLIC_URL); default from the listen address")
	fs.StringVar(&s.cursorKey, "cursor-key", env("SCIM_CURSOR_KEY", ""), "key signing paging cursors and issued tokens; replicas share it (SCIM_CURSOR_KEY); default random")
	fs.StringVar(&s.metricsAddr, "metrics-addr", env("SCIM_METRICS_ADDR", ""), "where /metrics is served (SCIM_METRICS_ADDR): empty for the listen address (the SCIM bearer token is then required unless it is loopback), an address of its own such as 127.0.0.1:9464 (no authentication), or off")
	fs.StringVar(&s.logLevel, "log-level", env("WEBEX_SCIM_LOG_LEVEL", "info"), "debug, info, warn or error (WEBEX_SCIM_LOG_LEVEL)")
	for i, d := range durations {
		fs.StringVar(&durationText[i], d.flag, env(d.env, d.def), d.usage)
	}
	fs.StringVar(&trustedProxies, "trusted-proxies", env("SCIM_TRUSTED_PROXIES", ""), "comma-separated addresses or CIDR blocks of reverse proxies whose X-Forwarded-For names the client, for the authentication throttle and the logs (SCIM_TRUSTED_PROXIES)")
	fs.StringVar(&groupKind, "group-kind", env("WEBEX_GROUP_KIND", string(connector.GroupKindTeams)), "what a SCIM Group is in Webex: teams or groups, Control Hub groups (WEBEX_GROUP_KIND)")
	fs.IntVar(&s.fanout, "webex-fanout", fanoutDefault, "most Webex reads one SCIM request makes at once, such as the member lists of a page of groups; 1 reads one at a time (WEBEX_FANOUT)")
	if err := fs.Parse(args); err != nil {
		return settings{}, err
	}
	for i, d := range durations {
		v, err := time.ParseDuration(strings.TrimSpace(durationText[i]))
		if err != nil || v <= 0 {
			return settings{}, fmt.Errorf("%s (-%s) %q: want a positive Go duration such as 30s or 5m", d.env, d.flag, durationText[i])
		}
		*d.dst = v
	}
	if fs.NArg() > 0 {
		return settings{}, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if err := checkWebexURL(s.targetURL, s.allowInsecureWebex); err != nil {
		return settings{}, err
	}
	d, err := parseOffset(offset)
	if err != nil {
		return settings{}, err
	}
	s.datetimeOffset = d
	if s.fanout < 1 {
		return settings{}, fmt.Errorf("-webex-fanout %d: want a whole number of at least 1", s.fanout)
	}
	if s.groupKind, err = connector.ParseGroupKind(groupKind); err != nil {
		return settings{}, err
	}
	if s.trustedProxies, err = parseProxies(trustedProxies); err != nil {
		return settings{}, err
	}
	if s.clientID != "" {
		if s.clientSecret == "" {
			return settings{}, fmt.Errorf("WEBEX_CLIENT_SECRET (-client-secret) is required with WEBEX_CLIENT_ID")
		}
		if s.scimToken == "" && (s.scimClientID == "" || s.scimClientSecret == "") {
			return settings{}, fmt.Errorf("with a real Webex target, SCIM_BEARER_TOKEN (-scim-token) or SCIM_CLIENT_ID and SCIM_CLIENT_SECRET are required")
		}
	}
	if (s.scimClientID == "") != (s.scimClientSecret == "") {
		return settings{}, fmt.Errorf("SCIM_CLIENT_ID and SCIM_CLIENT_SECRET go together")
	}
	return s, nil
}

// checkWebexURL refuses a Webex target URL that would send the connector's Webex token, and the
// integration's client secret at every refresh, in clear text: it must be https, unless its host
// is loopback (localhost, 127.0.0.0/8, ::1: the fake Webex of a test rig on the same machine) or
// the operator says WEBEX_ALLOW_INSECURE_HTTP=true (a test rig elsewhere). Host names other than
// localhost are not resolved to find out: DNS is not what decides where a secret may go.
func checkWebexURL(raw string, allowInsecure bool) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("WEBEX_TARGET_URL (-target-url) %q must be an absolute https URL such as %s", raw, connector.DefaultWebexURL)
	}
	if u.Scheme == "https" || allowInsecure || isLoopbackHost(u.Hostname()) {
		return nil
	}
	return fmt.Errorf("WEBEX_TARGET_URL (-target-url) %q is plain http to a host that is not loopback: the Webex token and "+
		"client secret would cross the network in clear text. Use https, or set WEBEX_ALLOW_INSECURE_HTTP=true "+
		"(-allow-insecure-http) for a test rig", raw)
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// parseProxies reads SCIM_TRUSTED_PROXIES: addresses ("10.0.0.7") and CIDR blocks ("10.0.0.0/8"),
// separated by commas.
func parseProxies(v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		ip, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("SCIM_TRUSTED_PROXIES (-trusted-proxies) %q: want IP addresses or CIDR blocks separated by commas", f)
		}
		ip = ip.Unmap()
		out = append(out, netip.PrefixFrom(ip, ip.BitLen()))
	}
	return out, nil
}

// parseOffset reads the instance datetime offset (design §4.5): "±HH:MM" (as Starling writes it)
// or a Go duration ("90m", "-2h").
func parseOffset(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	if v == "" || v == "0" {
		return 0, nil
	}
	if h, m, ok := strings.Cut(v, ":"); ok {
		sign := time.Duration(1)
		switch {
		case strings.HasPrefix(h, "-"):
			sign, h = -1, h[1:]
		case strings.HasPrefix(h, "+"):
			h = h[1:]
		}
		hours, herr := strconv.Atoi(h)
		mins, merr := strconv.Atoi(m)
		if herr != nil || merr != nil || hours < 0 || hours > 23 || mins < 0 || mins > 59 || len(m) != 2 {
			return 0, fmt.Errorf("datetime offset %q: want ±HH:MM or a Go duration", v)
		}
		return sign * (time.Duration(hours)*time.Hour + time.Duration(mins)*time.Minute), nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("datetime offset %q: want ±HH:MM or a Go duration", v)
	}
	return d, nil
}
