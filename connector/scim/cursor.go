package scim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"net/http"
	"time"
)

// CursorCodec makes and checks the opaque paging cursors of RFC 9865. A
// cursor is base64url (no padding, so only RFC 3986 unreserved characters, as
// RFC 9865 §2 asks) of
//
//	version(1) | payload | expiry unix seconds (8, big endian) | HMAC-SHA256(32)
//
// The MAC covers everything before it, so neither the payload nor the expiry
// can be altered; any replica holding the same key accepts the cursor (design
// §3.10). The payload is signed, not encrypted: it must not hold secrets.
type CursorCodec struct {
	key []byte
	ttl time.Duration
	now func() time.Time
}

const (
	cursorVersion = 1
	cursorMACLen  = sha256.Size
	cursorMinLen  = 1 + 8 + cursorMACLen
	// DefaultCursorTTL applies when NewCursorCodec is given no positive TTL.
	DefaultCursorTTL = time.Hour
)

// NewCursorCodec returns a codec signing with key; cursors expire ttl after
// they are issued (a ttl <= 0 means DefaultCursorTTL). now is the clock (nil:
// time.Now).
func NewCursorCodec(key []byte, ttl time.Duration, now func() time.Time) *CursorCodec {
	if ttl <= 0 {
		ttl = DefaultCursorTTL
	}
	if now == nil {
		now = time.Now
	}
	return &CursorCodec{key: append([]byte(nil), key...), ttl: ttl, now: now}
}

// TTL is how long a cursor stays valid: the ServiceProviderConfig
// "cursorTimeout" in seconds (RFC 9865 §4).
func (c *CursorCodec) TTL() time.Duration { return c.ttl }

// Encode signs payload into a cursor valid for the codec's TTL.
func (c *CursorCodec) Encode(payload []byte) string {
	buf := make([]byte, 0, cursorMinLen+len(payload))
	buf = append(buf, cursorVersion)
	buf = append(buf, payload...)
	buf = binary.BigEndian.AppendUint64(buf, uint64(c.now().Add(c.ttl).Unix()))
	buf = append(buf, c.mac(buf)...)
	return base64.RawURLEncoding.EncodeToString(buf)
}

// Decode checks a cursor and returns its payload. A cursor this service did
// not issue, a tampered one, or garbage is 400 invalidCursor; a genuine one
// past its expiry is 400 expiredCursor (RFC 9865 §2.1). The MAC is checked
// before the expiry, so a forged expiry reads as invalid, not expired.
func (c *CursorCodec) Decode(cursor string) ([]byte, error) {
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || len(raw) < cursorMinLen || raw[0] != cursorVersion {
		return nil, invalidCursor()
	}
	body, sum := raw[:len(raw)-cursorMACLen], raw[len(raw)-cursorMACLen:]
	if !hmac.Equal(sum, c.mac(body)) {
		return nil, invalidCursor()
	}
	expiry := time.Unix(int64(binary.BigEndian.Uint64(body[len(body)-8:])), 0)
	if !c.now().Before(expiry) {
		return nil, &Error{
			Status:   http.StatusBadRequest,
			ScimType: ScimTypeExpiredCursor,
			Detail: fmt.Sprintf("the cursor expired at %s (cursors are valid for %s); "+
				"start the listing again with an empty cursor", expiry.UTC().Format(time.RFC3339), c.ttl),
		}
	}
	return append([]byte(nil), body[1:len(body)-8]...), nil
}

func (c *CursorCodec) mac(b []byte) []byte {
	m := hmac.New(sha256.New, c.key)
	m.Write(b)
	return m.Sum(nil)
}

func invalidCursor() *Error {
	return &Error{
		Status:   http.StatusBadRequest,
		ScimType: ScimTypeInvalidCursor,
		Detail: "the cursor was not issued by this service or was altered; use the nextCursor " +
			"of a previous page, or an empty cursor for the first page",
	}
}
