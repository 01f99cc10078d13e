package webex

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

// Issue 12: a corrupt or unreadable token file is an error that names the file and says what to
// do; the store is left empty, and the file as it was.
func TestTokenFileProblemsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	for name, write := range map[string]func(path string){
		"not JSON":        func(p string) { require.NoError(t, os.WriteFile(p, []byte("{\"access_tok"), 0o600)) },
		"no token":        func(p string) { require.NoError(t, os.WriteFile(p, []byte(`{"token_type":"Bearer"}`), 0o600)) },
		"a directory":     func(p string) { require.NoError(t, os.Mkdir(p, 0o700)) },
		"wrong JSON type": func(p string) { require.NoError(t, os.WriteFile(p, []byte(`["a"]`), 0o600)) },
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".json")
			write(path)
			before := snapshot(t, path)
			store := NewTokenStore(&oauth2.Config{ClientID: "cid"}, &TokenFile{Path: path}, nil)
			err := store.LoadFile()
			require.Error(t, err)
			assert.Contains(t, err.Error(), path, "the error names the file")
			assert.Contains(t, err.Error(), "consent again", "and says what to do")
			assert.NotErrorIs(t, err, os.ErrNotExist)
			assert.False(t, store.HasToken())
			assert.Equal(t, before, snapshot(t, path), "the file is left as it was")
		})
	}
	store := NewTokenStore(&oauth2.Config{ClientID: "cid"}, &TokenFile{Path: filepath.Join(dir, "absent.json")}, nil)
	assert.NoError(t, store.LoadFile(), "no file yet: consent is needed, not an error")
}

// Issue 12: the token file is never replaced by something worse: a token that holds nothing is
// refused with the file untouched, a save that fails leaves the old file and no temporary file,
// and a successful save is complete and 0600.
func TestTokenFileIsNeverReplacedBySomethingWorse(t *testing.T) {
	dir := t.TempDir()
	f := TokenFile{Path: filepath.Join(dir, "webex-token.json")}
	require.NoError(t, f.Save(&oauth2.Token{AccessToken: "a1", RefreshToken: "r1"}))
	before := snapshot(t, f.Path)

	for _, bad := range []*oauth2.Token{nil, {}, {TokenType: "Bearer"}} {
		err := f.Save(bad)
		require.Error(t, err)
		assert.Contains(t, err.Error(), f.Path)
		assert.Equal(t, before, snapshot(t, f.Path))
	}
	// A store's Set refuses the same before touching the file.
	store := NewTokenStore(&oauth2.Config{ClientID: "cid"}, &f, nil)
	require.NoError(t, store.LoadFile())
	assert.Error(t, store.Set(&oauth2.Token{}))
	assert.Equal(t, before, snapshot(t, f.Path))

	// A save that cannot complete (the rename target is a directory in the way) leaves what was
	// there, and no temporary file.
	blocked := TokenFile{Path: filepath.Join(dir, "in-the-way")}
	require.NoError(t, os.MkdirAll(filepath.Join(blocked.Path, "x"), 0o700))
	assert.Error(t, blocked.Save(&oauth2.Token{AccessToken: "a2"}))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, []string{"webex-token.json", "in-the-way"}, names, "no temporary file left behind")

	require.NoError(t, f.Save(&oauth2.Token{AccessToken: "a3", RefreshToken: "r3"}))
	got, err := f.Load()
	require.NoError(t, err)
	assert.Equal(t, "r3", got.RefreshToken)
	info, err := os.Stat(f.Path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
}

// snapshot is what a path holds: a file's bytes, or "dir" for a directory.
func snapshot(t *testing.T, path string) string {
	t.Helper()
	info, err := os.Stat(path)
	require.NoError(t, err)
	if info.IsDir() {
		return "dir"
	}
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

// A token file others can read is loaded (it works) with a warning naming it; the tokens are not
// in the warning.
func TestTokenFileReadableByOthersIsWarnedAbout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "webex-token.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"access_token":"access-secret","refresh_token":"refresh-secret"}`), 0o600))
	require.NoError(t, os.Chmod(path, 0o644))
	var logs logBuffer
	store := NewTokenStore(&oauth2.Config{ClientID: "cid"}, &TokenFile{Path: path}, logs.logger())
	require.NoError(t, store.LoadFile())
	assert.True(t, store.HasToken())
	assert.Contains(t, logs.String(), "chmod 600")
	assert.Contains(t, logs.String(), path)
	assert.NotContains(t, logs.String(), "secret")
}
