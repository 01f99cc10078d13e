package connector

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/webex-scim/webex-scim/connector/webex"
)

// What every group backend's writes share (groups_backend.go): new members are checked to be
// Webex people before the first write, and a change that fails part-way is reported step by step
// (what was applied, undone, not undone and never sent).

// undoTimeout bounds the undo of a failed change. Undo runs even when the SCIM client has gone
// (context.WithoutCancel): leaving a half-applied change because the caller hung up would be
// worse than finishing the cleanup.
const undoTimeout = 30 * time.Second

// resolvePeople reads each id with GET /people/{id} (s.fanout at a time) and returns the people in
// request order. Ids Webex does not know as people (404, or 400 for an id it cannot parse) are
// 400 invalidValue naming them (design §3.7); any other failure is returned as it is.
func (s *Server) resolvePeople(ctx context.Context, ids []string) ([]webex.Person, error) {
	// An identity provider may add hundreds at once (Entra batches PATCHes, Okta pushes whole
	// groups): the checks run s.fanout at a time (fanout.go). A 404 is an answer, not a failure
	// of the fan-out.
	people := make([]*webex.Person, len(ids))
	errs := make([]error, len(ids))
	err := fanOut(ctx, s.fanout, len(ids), func(ctx context.Context, i int) error {
		people[i], errs[i] = s.webex.GetPerson(ctx, ids[i])
		switch webexStatus(errs[i]) {
		case http.StatusNotFound, http.StatusBadRequest:
			return nil
		}
		return errs[i]
	})
	if err != nil {
		return nil, err
	}
	var notPeople []string
	out := make([]webex.Person, 0, len(ids))
	for i, err := range errs {
		switch webexStatus(err) {
		case 0:
			if err != nil {
				return nil, err
			}
			out = append(out, *people[i])
		case http.StatusNotFound, http.StatusBadRequest:
			notPeople = append(notPeople, fmt.Sprintf("%q", ids[i]))
		default:
			return nil, err
		}
	}
	if len(notPeople) > 0 {
		shown := notPeople
		if len(shown) > 10 {
			shown = append(shown[:10:10], fmt.Sprintf("and %d more", len(notPeople)-10))
		}
		return nil, invalidValue("members[].value %s: not a Webex person; a Group's members must be Webex people "+
			"(design §3.7); nothing was changed", strings.Join(shown, ", "))
	}
	return out, nil
}

// changeFailure is a change that failed part-way: which step failed and why, and what became of
// the steps before and after it. It becomes a SCIM error in Server.groupWriteError.
type changeFailure struct {
	step       string   // the failed step, as "add member …"
	cause      error    // the Webex failure
	undone     []string // applied, then undone
	notUndone  []string // applied, and still in Webex (undo failed or impossible)
	notApplied []string // never sent
}

func (f *changeFailure) Error() string { return f.step + ": " + f.cause.Error() }
func (f *changeFailure) Unwrap() error { return f.cause }

// report says what the failed change left behind, for the error's detail.
func (f *changeFailure) report() string {
	var parts []string
	if len(f.undone) > 0 {
		parts = append(parts, "Applied, then undone: "+strings.Join(f.undone, "; ")+".")
	}
	if len(f.notUndone) > 0 {
		parts = append(parts, "Applied and NOT undone (still in Webex): "+strings.Join(f.notUndone, "; ")+".")
	}
	if len(f.notApplied) > 0 {
		parts = append(parts, "Not applied: "+strings.Join(f.notApplied, "; ")+".")
	}
	if len(f.notUndone) == 0 {
		parts = append(parts, "The group is as it was before the request.")
	} else {
		parts = append(parts, "The group is partly changed: repeat the request once Webex accepts it.")
	}
	return strings.Join(parts, " ")
}

func personLabel(id, display string) string {
	if display == "" {
		return id
	}
	return fmt.Sprintf("%s (%s)", id, display)
}

func ignoreNotFound(err error) error {
	if webexStatus(err) == http.StatusNotFound {
		return nil
	}
	return err
}

// undoReason is a short reason for a failed undo: Webex's status and tracking id, never more.
func undoReason(err error) string {
	var we *webex.Error
	if !errors.As(err, &we) {
		return "unexpected failure"
	}
	return webexDetail(we)
}
