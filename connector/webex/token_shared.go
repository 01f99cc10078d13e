package webex

import (
	"golang.org/x/oauth2"
)

// Replicas sharing one consent (design §3.10): several connector processes read and write one
// token file. Webex keeps a refresh token's value when it is used (the answer carries the same
// refresh token) and does not revoke the access tokens it issued before, so two replicas that
// refresh at about the same time both hold working tokens. What a replica must not do is keep
// using a grant the file has moved past: after a new consent through another replica the old
// refresh token may be revoked, and a replica answering "consent lost" while the file holds a
// good token would be wrong. So the store re-reads the file
//
//   - before it refreshes (the access token expired, or Webex refused it with 401 and Invalidate
//     dropped it): a usable access token another replica wrote is taken instead of refreshing
//     again, and a refresh token another replica wrote is the one refreshed with;
//   - before it gives up on a refresh token the token endpoint refused: a different one in the
//     file (a new consent) is taken and tried.
//
// A token read from the file that holds the access token Webex just refused is not taken back.

// adoptFileLocked re-reads the token file and installs what it holds when it is newer than what
// the store has: a different token that is usable, or a different refresh token. It reports
// whether something was installed. A missing or unreadable file changes nothing (the store goes
// on with what it has; LoadFile reported problems at start). s.mu is held.
func (s *TokenStore) adoptFileLocked() bool {
	if s.file == nil {
		return false
	}
	t, err := s.file.Load()
	if err != nil {
		s.log.Debug("re-reading the webex token file found nothing to use", "path", s.file.Path, "error", err.Error())
		return false
	}
	if s.tok != nil && t.AccessToken == s.tok.AccessToken && t.RefreshToken == s.tok.RefreshToken {
		return false
	}
	if t.AccessToken != "" && t.AccessToken == s.rejected {
		t.AccessToken = "" // the one Webex refused: keep only the refresh token of it
	}
	switch {
	case t.AccessToken != "" && s.usable(t):
	case t.RefreshToken != "" && t.RefreshToken != s.refused && (s.tok == nil || t.RefreshToken != s.tok.RefreshToken):
	default:
		return false
	}
	s.log.Info("webex token taken from the token file another replica wrote", "path", s.file.Path)
	s.setLocked(t)
	return true
}

// usableToken is a copy of s.tok when it is usable now. s.mu is held.
func (s *TokenStore) usableToken() (*oauth2.Token, bool) {
	if s.tok == nil || !s.usable(s.tok) {
		return nil, false
	}
	c := *s.tok
	return &c, true
}
