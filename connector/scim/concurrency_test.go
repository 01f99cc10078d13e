package scim

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The connector shares one ResourceSchema, one parsed Filter and one
// CursorCodec between request goroutines; under -race this shows they hold no
// hidden mutable state.
func TestSharedValuesAreSafeForConcurrentUse(t *testing.T) {
	rs := testUserRS()
	f, err := ParseFilter(`emails[type eq "work"] and userName sw "barbara"`, rs)
	require.NoError(t, err)
	ops, err := ParsePatch([]byte(`{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"name.givenName":"X","active":"False"}}]}`))
	require.NoError(t, err)
	codec := NewCursorCodec([]byte("k"), time.Minute, nil)
	user := res(t, typicalUser)

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				assert.True(t, f.Match(user))
				Project(user, rs, []string{"name.givenName"}, nil)
				_, err := ApplyPatch(user, rs, ops)
				assert.NoError(t, err)
				_, err = codec.Decode(codec.Encode([]byte("p")))
				assert.NoError(t, err)
			}
		})
	}
	wg.Wait()
}
