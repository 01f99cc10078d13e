package webex

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
)

// Page is one page of a Webex list.
type Page[T any] struct {
	Items       []T
	NotFoundIDs []string // people lists only: ids asked for with id= that do not exist (WX10)
	Next        string   // absolute URL from Link rel="next"; "" on the last page
}

// ErrListingCut is wrapped by the Error returned for a page read with a cursor that Webex answered
// empty, with a next link repeating that cursor (WX01): the listing did not end, Webex stopped
// it, so what was read before is not the whole list and no caller may present it as one (issue
// 15: a reconciling client would take it as complete).
var ErrListingCut = errors.New("webex: the listing ended part-way: Webex repeated its cursor on an empty page (WX01)")

// ErrForeignNextURL is wrapped by the Error returned when a next URL is not on the client's base
// URL scheme and host: following it would send the bearer token elsewhere.
var ErrForeignNextURL = errors.New("webex: next URL is not on the Webex base URL")

// maxWalkPages bounds the listings the client walks to the end itself (roles, licences, a team's
// memberships), so a misbehaving server cannot keep it paging forever.
const maxWalkPages = 10000

type listEnvelope[T any] struct {
	Items       []T      `json:"items"`
	NotFoundIDs []string `json:"notFoundIds"`
}

// checkNextURL parses a next URL given back by a caller and refuses one that is not on the base
// URL's scheme and host.
func (c *Client) checkNextURL(next string) (*url.URL, error) {
	u, err := url.Parse(next)
	if err != nil || !u.IsAbs() || u.User != nil ||
		!strings.EqualFold(u.Scheme, c.base.Scheme) || !strings.EqualFold(u.Host, c.base.Host) {
		return nil, &Error{Method: http.MethodGet, Message: "refusing to follow a next URL that is not on the Webex base URL", Err: ErrForeignNextURL}
	}
	u.Fragment = ""
	return u, nil
}

// list reads one page: first when next is "", else next verbatim (design §5: clients follow the Link
// URL as given).
func list[T any](ctx context.Context, c *Client, first *url.URL, next string) (Page[T], error) {
	u := first
	if next != "" {
		var err error
		if u, err = c.checkNextURL(next); err != nil {
			return Page[T]{}, err
		}
	}
	var env listEnvelope[T]
	hdr, err := c.do(ctx, http.MethodGet, u, nil, &env)
	if err != nil {
		return Page[T]{}, err
	}
	page := Page[T]{Items: env.Items, NotFoundIDs: env.NotFoundIDs}
	if page.Items == nil {
		page.Items = []T{}
	}
	target := nextLink(hdr.Values("Link"), u)
	if target == nil {
		return page, nil
	}
	if _, err := c.checkNextURL(target.String()); err != nil {
		e := &Error{Method: http.MethodGet, Path: u.RequestURI(), TrackingID: hdr.Get("Trackingid"),
			Message: "Webex sent a next link that is not on the Webex base URL", Err: ErrForeignNextURL}
		c.logFailure(ctx, e, 1)
		return Page[T]{}, e
	}
	// WX01: Webex answers a cursor it cannot decode with an empty page whose next link carries the
	// same cursor back; following it blindly loops for ever. Stop there (design §3.4). A first
	// page (no cursor) that links to itself is an empty listing; a page read with a cursor means
	// the listing was cut short: an error, never a shorter list (ErrListingCut).
	if cursor := u.Query().Get("cursor"); len(page.Items) == 0 && target.Query().Get("cursor") == cursor {
		c.log.LogAttrs(ctx, slog.LevelWarn, "webex repeated the cursor on an empty page; ending the listing (WX01)",
			slog.String("path", u.Path), slog.String("trackingId", hdr.Get("Trackingid")), slog.Bool("cut", cursor != ""))
		if cursor != "" {
			return Page[T]{}, &Error{Method: http.MethodGet, Path: u.RequestURI(), TrackingID: hdr.Get("Trackingid"),
				Message: "Webex repeated its cursor on an empty page part-way through the listing (WX01)", Err: ErrListingCut}
		}
		return page, nil
	}
	page.Next = target.String()
	return page, nil
}

// walk reads every page of a listing, for the short lists (roles, licences, one team's members).
func walk[T any](ctx context.Context, c *Client, first *url.URL) ([]T, error) {
	var all []T
	next := ""
	for range maxWalkPages {
		page, err := list[T](ctx, c, first, next)
		if err != nil {
			return nil, err
		}
		all = append(all, page.Items...)
		if page.Next == "" {
			if all == nil {
				all = []T{}
			}
			return all, nil
		}
		next = page.Next
	}
	return nil, &Error{Method: http.MethodGet, Path: first.RequestURI(), Message: "listing did not end after the maximum number of pages"}
}

// nextLink finds the target of the first link with relation type "next" in Link header values
// (RFC 8288 §3), resolved against the request URL. It returns nil when there is none.
func nextLink(values []string, requestURL *url.URL) *url.URL {
	for _, v := range values {
		for _, l := range parseLinks(v) {
			if !l.hasRel("next") {
				continue
			}
			ref, err := url.Parse(l.target)
			if err != nil {
				continue
			}
			return requestURL.ResolveReference(ref)
		}
	}
	return nil
}

// link is one link-value of a Link header.
type link struct {
	target string
	params map[string]string // lower-cased parameter names; first occurrence wins (RFC 8288 §3)
}

// hasRel reports whether the link's rel parameter lists relation type rel; relation types are
// compared case-insensitively and rel may hold several, space-separated (RFC 8288 §3.3).
func (l link) hasRel(rel string) bool {
	for _, r := range strings.Fields(l.params["rel"]) {
		if strings.EqualFold(r, rel) {
			return true
		}
	}
	return false
}

// parseLinks parses a Link header field value (RFC 8288 §3):
//
//	Link       = #link-value
//	link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )
//	link-param = token BWS [ "=" BWS ( token / quoted-string ) ]
//
// It is lenient: a malformed link-value is skipped up to the next top-level comma, and the rest
// of the header is still read.
func parseLinks(s string) []link {
	var links []link
	i := 0
	n := len(s)
	skipWS := func() {
		for i < n && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	// skipToComma moves past the next comma that is outside a quoted string.
	skipToComma := func() {
		inQuote := false
		for i < n {
			switch c := s[i]; {
			case inQuote && c == '\\':
				i++
			case c == '"':
				inQuote = !inQuote
			case !inQuote && c == ',':
				i++
				return
			}
			i++
		}
	}
	for i < n {
		skipWS()
		if i < n && s[i] == ',' {
			i++
			continue
		}
		if i >= n {
			break
		}
		if s[i] != '<' {
			skipToComma()
			continue
		}
		end := strings.IndexByte(s[i+1:], '>')
		if end < 0 {
			break
		}
		l := link{target: strings.TrimSpace(s[i+1 : i+1+end]), params: map[string]string{}}
		i += end + 2
		ok := true
		for {
			skipWS()
			if i >= n || s[i] == ',' {
				break
			}
			if s[i] != ';' {
				ok = false
				skipToComma()
				break
			}
			i++
			skipWS()
			start := i
			for i < n && isTokenChar(s[i]) {
				i++
			}
			name := strings.ToLower(s[start:i])
			skipWS()
			value := ""
			if i < n && s[i] == '=' {
				i++
				skipWS()
				if i < n && s[i] == '"' {
					var b strings.Builder
					i++
					for i < n && s[i] != '"' {
						if s[i] == '\\' && i+1 < n {
							i++
						}
						b.WriteByte(s[i])
						i++
					}
					i++ // closing quote (or past the end)
					value = b.String()
				} else {
					start := i
					for i < n && isTokenChar(s[i]) {
						i++
					}
					value = s[start:i]
				}
			}
			if name == "" {
				ok = false
				skipToComma()
				break
			}
			if _, seen := l.params[name]; !seen {
				l.params[name] = value
			}
		}
		if ok {
			links = append(links, l)
		}
	}
	return links
}

// isTokenChar reports whether b is a tchar (RFC 9110 §5.6.2).
func isTokenChar(b byte) bool {
	switch {
	case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b >= '0' && b <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", b) >= 0
}
