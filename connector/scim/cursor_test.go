package scim

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestCursorRoundTrip(t *testing.T) {
	clock := &fakeClock{t: time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)}
	c := NewCursorCodec([]byte("tenant-key"), 10*time.Minute, clock.now)
	cur := c.Encode([]byte(`{"next":"https://webexapis.com/v1/people?cursor=xyz"}`))

	// RFC 9865 §2: only RFC 3986 unreserved characters.
	assert.Regexp(t, `^[A-Za-z0-9_-]+$`, cur)
	got, err := c.Decode(cur)
	require.NoError(t, err)
	assert.Equal(t, `{"next":"https://webexapis.com/v1/people?cursor=xyz"}`, string(got))

	// Another replica with the same key accepts it (design §3.10).
	other := NewCursorCodec([]byte("tenant-key"), 10*time.Minute, clock.now)
	_, err = other.Decode(cur)
	require.NoError(t, err)

	empty := c.Encode(nil)
	got, err = c.Decode(empty)
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.Equal(t, 10*time.Minute, c.TTL())
}

func TestCursorRejects_RFC9865_2_1(t *testing.T) {
	clock := &fakeClock{t: time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)}
	c := NewCursorCodec([]byte("tenant-key"), time.Minute, clock.now)
	good := c.Encode([]byte("page-2"))
	raw, err := base64.RawURLEncoding.DecodeString(good)
	require.NoError(t, err)

	flip := func(i int) string {
		b := append([]byte(nil), raw...)
		b[i] ^= 1
		return base64.RawURLEncoding.EncodeToString(b)
	}
	tests := []struct {
		name   string
		cursor string
	}{
		{"garbage", "not a cursor!"},
		{"empty after the first page", ""},
		{"too short", base64.RawURLEncoding.EncodeToString([]byte{1, 2, 3})},
		{"tampered payload", flip(2)},
		{"tampered expiry (cannot be extended)", flip(len(raw) - 33)},
		{"tampered mac", flip(len(raw) - 1)},
		{"unknown version", flip(0)},
		{"padded base64", good + "=="},
		{"signed with another key", NewCursorCodec([]byte("other-key"), time.Minute, clock.now).Encode([]byte("page-2"))},
		{"a Starling-style echoed Webex cursor", "Y2lzY29zcGFyazovL3VzL1BFT1BMRS8xMjM0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Decode(tc.cursor)
			se := scimErr(t, err, 400, ScimTypeInvalidCursor)
			assert.Contains(t, se.Detail, "empty cursor")
		})
	}

	t.Run("expired", func(t *testing.T) {
		clock.t = clock.t.Add(time.Minute)
		_, err := c.Decode(good)
		se := scimErr(t, err, 400, ScimTypeExpiredCursor)
		assert.True(t, strings.Contains(se.Detail, "2025-01-01T12:01:00Z"), se.Detail)
	})
	t.Run("just before expiry still valid", func(t *testing.T) {
		clock.t = time.Date(2025, 1, 1, 12, 0, 59, 0, time.UTC)
		_, err := c.Decode(good)
		require.NoError(t, err)
	})
}

func TestCursorDefaults(t *testing.T) {
	c := NewCursorCodec([]byte("k"), 0, nil)
	assert.Equal(t, DefaultCursorTTL, c.TTL())
	got, err := c.Decode(c.Encode([]byte("x")))
	require.NoError(t, err)
	assert.Equal(t, "x", string(got))
}
