package connector

import (
	"container/list"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/webex-scim/webex-scim/connector/scim"
)

// Defaults of the failed-authentication throttle (design §3.1). A client address may fail 20
// times in a row, then once every 3 seconds: an identity provider with a wrong or expired token
// is told at once (401) and is never throttled by its own retries, which come far slower, while
// guessing the bearer token or the client secret is held to 20 tries a minute per address.
const (
	defaultAuthFailureBurst    = 20
	defaultAuthFailureInterval = 3 * time.Second
	// defaultAuthThrottleSize bounds the addresses remembered (about 200 bytes each).
	defaultAuthThrottleSize = 10000
)

// authThrottle counts failed inbound authentications per client address, as a token bucket each
// (golang.org/x/time/rate, driven by the injected clock): burst failures, then one more per
// interval. While an address has no failure left, every request from it that needs
// authentication is answered 429 with Retry-After, before its credentials are looked at, so a
// guess made while blocked can never succeed. Successful requests cost nothing.
//
// Memory is bounded: at most size addresses are kept, the one that failed least recently is
// forgotten first, and an address whose bucket is full again is forgotten when next seen. An
// attacker who controls more than size addresses can make the throttle forget one of them; each
// address is still held to its own rate while remembered. IPv6 clients are counted per /64, the
// block one subscriber usually holds. Behind a reverse proxy, list it in Config.TrustedProxies
// (SCIM_TRUSTED_PROXIES), or every client counts as the proxy (clientAddress).
type authThrottle struct {
	burst int
	every time.Duration
	size  int
	now   func() time.Time

	mu      sync.Mutex
	order   *list.List // of *throttleEntry, most recent failure at the front
	entries map[string]*list.Element
}

type throttleEntry struct {
	addr string
	lim  *rate.Limiter
}

func newAuthThrottle(burst int, every time.Duration, size int, now func() time.Time) *authThrottle {
	return &authThrottle{burst: burst, every: every, size: size, now: now, order: list.New(), entries: map[string]*list.Element{}}
}

// wait is how long addr must wait before its next attempt; 0 when it may try now.
func (t *authThrottle) wait(addr string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	el, ok := t.entries[addr]
	if !ok {
		return 0
	}
	tokens := el.Value.(*throttleEntry).lim.TokensAt(t.now())
	if tokens >= float64(t.burst) {
		t.order.Remove(el) // refilled: the same as never seen
		delete(t.entries, addr)
		return 0
	}
	if tokens >= 1 {
		return 0
	}
	return time.Duration((1 - tokens) * float64(t.every))
}

// fail records one failed authentication from addr and reports whether addr has now used up its
// failures (the first request refused from now on is the next one).
func (t *authThrottle) fail(addr string) (blocked bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	el, ok := t.entries[addr]
	if !ok {
		for t.order.Len() >= t.size {
			oldest := t.order.Back()
			t.order.Remove(oldest)
			delete(t.entries, oldest.Value.(*throttleEntry).addr)
		}
		el = t.order.PushFront(&throttleEntry{addr: addr, lim: rate.NewLimiter(rate.Every(t.every), t.burst)})
		t.entries[addr] = el
	}
	t.order.MoveToFront(el)
	lim := el.Value.(*throttleEntry).lim
	lim.AllowN(now, 1)
	return lim.TokensAt(now) < 1
}

// len is the number of addresses remembered.
func (t *authThrottle) len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.entries)
}

// clientAddress is the address a request's failures are counted against and logged with: the
// TCP peer; or, when the peer is one of Config.TrustedProxies, the address that proxy says it
// received the request from (X-Forwarded-For, read from the right: the rightmost address that is
// not a trusted proxy, since every proxy appends the one it saw and anything further left was
// written by the client). IPv4-mapped IPv6 counts as IPv4, IPv6 as its /64.
func (s *Server) clientAddress(r *http.Request) string {
	peer, ok := parseHost(r.RemoteAddr)
	if !ok {
		return r.RemoteAddr
	}
	if !s.trustedProxy(peer) {
		return addressKey(peer)
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		ip, ok := parseHost(strings.TrimSpace(hops[i]))
		if !ok {
			break // garbage: count it against the proxy that passed it on
		}
		client = ip
		if !s.trustedProxy(ip) {
			break
		}
	}
	return addressKey(client)
}

func (s *Server) trustedProxy(ip netip.Addr) bool {
	for _, p := range s.trustedProxies {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// parseHost reads "ip", "ip:port" or "[ipv6]:port".
func parseHost(v string) (netip.Addr, bool) {
	if ip, err := netip.ParseAddr(v); err == nil {
		return ip.Unmap().WithZone(""), true
	}
	if ap, err := netip.ParseAddrPort(v); err == nil {
		return ap.Addr().Unmap().WithZone(""), true
	}
	if host, _, err := net.SplitHostPort(v); err == nil {
		if ip, err := netip.ParseAddr(host); err == nil {
			return ip.Unmap().WithZone(""), true
		}
	}
	return netip.Addr{}, false
}

// addressKey is the throttle's key for ip: IPv6 counts per /64, the block one subscriber
// usually holds.
func addressKey(ip netip.Addr) string {
	if ip.Is6() {
		if p, err := ip.Prefix(64); err == nil {
			return p.String()
		}
	}
	return ip.String()
}

// throttled answers a request from an address that has used up its failures: true when it did
// (write is called with the 429 error), false when the request may go on.
func (s *Server) throttled(r *http.Request, write func(*scim.Error)) bool {
	wait := s.throttle.wait(s.clientAddress(r))
	if wait <= 0 {
		return false
	}
	secs := int((wait + time.Second - 1) / time.Second)
	e := scim.Errorf(http.StatusTooManyRequests, "",
		"too many failed authentications from this address; retry in %d seconds", secs)
	e.Header = http.Header{"Retry-After": []string{strconv.Itoa(secs)}}
	write(e)
	return true
}

// authFailed counts a failed authentication and logs it: the client address, method, path and
// why, never what was presented (a mistyped token is often one character from the real one).
func (s *Server) authFailed(r *http.Request, reason string) {
	addr := s.clientAddress(r)
	blocked := s.throttle.fail(addr)
	s.log.LogAttrs(r.Context(), slog.LevelWarn, "inbound authentication failed",
		slog.String("client", addr), slog.String("method", r.Method), slog.String("path", r.URL.Path),
		slog.String("reason", reason))
	if blocked {
		s.log.LogAttrs(r.Context(), slog.LevelWarn, "client address throttled after repeated authentication failures",
			slog.String("client", addr), slog.Duration("retryAfter", s.throttle.wait(addr)))
	}
}

// authenticate is the bearer check of every /scim/v2 request (routes included that do not
// exist, so that an anonymous caller learns nothing of them): throttled addresses get 429,
// failures 401 and are counted. It writes the answer and returns false when the request stops.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) bool {
	writeSCIM := func(e *scim.Error) { scim.WriteError(w, e) }
	if s.throttled(r, writeSCIM) {
		return false
	}
	if reason, err := s.auth.check(r); err != nil {
		s.authFailed(r, reason)
		scim.WriteError(w, err)
		return false
	}
	return true
}
